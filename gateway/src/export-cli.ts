import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '@kyodo/kit';
import { EXPORT_DIMENSIONS, EXPORT_FORMATS } from './export-dimensions';
import { exportText } from './export-render';
import { startStack } from './stack';

/**
 * npm run export: starts the federation, writes exports/<dimension>.csv and .json of every
 * registered municipality (self-run and hosted), and stops. Each dimension is read once, a batch of
 * rows at a time, into both files, which take their names only once complete.
 */
async function main() {
  const folder = path.join(repositoryRoot, 'exports');
  mkdirSync(folder, { recursive: true });
  const stack = await startStack({ gatewayPort: 0, subgraphPort: 0, quiet: true });
  try {
    for (const dimension of EXPORT_DIMENSIONS) {
      const files = EXPORT_FORMATS.map((format) => ({ text: exportText(dimension, format), file: path.join(folder, `${dimension}.${format}`) }));
      for (const { text, file } of files) writeFileSync(`${file}.partial`, text.start);
      let records = 0;
      for await (const rows of stack.gateway.exportReader.rows({ dimension })) {
        for (const { text, file } of files) appendFileSync(`${file}.partial`, text.rows(rows));
        records += rows.length;
      }
      for (const { text, file } of files) {
        appendFileSync(`${file}.partial`, text.end());
        renameSync(`${file}.partial`, file);
      }
      console.log(`exports/${dimension}.csv, .json: ${records} records`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(`export failed: ${(error as Error).message}`);
  process.exit(1);
});
