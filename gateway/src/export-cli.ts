import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '@kyodo/kit';
import { EXPORT_DIMENSIONS, EXPORT_FORMATS } from './export-dimensions';
import { render } from './export-render';
import { registeredCities } from './export-request';
import { exportRows } from './export-rows';
import { startStack } from './stack';

/** npm run export: starts the federation, writes exports/<dimension>.csv and .json, and stops. */
async function main() {
  const folder = path.join(repositoryRoot, 'exports');
  mkdirSync(folder, { recursive: true });
  const stack = await startStack({ gatewayPort: 0, subgraphPort: 0, quiet: true });
  try {
    const cities = registeredCities(stack.services).map((city) => city.code);
    for (const dimension of EXPORT_DIMENSIONS) {
      const rows = await exportRows(stack.gateway.apollo, { dimension, cities });
      for (const format of EXPORT_FORMATS) {
        writeFileSync(path.join(folder, `${dimension}.${format}`), render(dimension, rows, format));
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
