import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '@kyodo/kit';
import { EXPORT_DIMENSIONS, exportRows, render } from './export';
import { startStack } from './stack';

/** npm run export: starts the federation, writes exports/<dimension>.csv and .json, and stops. */
async function main() {
  const folder = path.join(repositoryRoot, 'exports');
  mkdirSync(folder, { recursive: true });
  const stack = await startStack({ gatewayPort: 0, subgraphPort: 0, quiet: true });
  try {
    for (const dimension of EXPORT_DIMENSIONS) {
      const rows = await exportRows(stack.gateway.apollo, dimension);
      for (const format of ['csv', 'json'] as const) {
        writeFileSync(path.join(folder, `${dimension}.${format}`), render(rows, format));
      }
      console.log(`exports/${dimension}.csv, .json: ${rows.length} records`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(`export failed: ${(error as Error).message}`);
  process.exit(1);
});
