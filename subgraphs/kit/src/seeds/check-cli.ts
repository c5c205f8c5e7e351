import { seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds } from './check';

/** npm run seeds:check [documents/x.yaml …]: validates the seed files and exits non-zero on any problem. */
const only = process.argv.slice(2).map((file) => file.replace(/^(\.\/)?seeds\//, ''));
const result = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, only.length ? only : undefined);
for (const problem of result.problems) {
  console.error(`${problem.file}${problem.record ? ` ${problem.record}` : ''}: ${problem.reason}`);
}
for (const warning of result.warnings) {
  console.warn(`warning: ${warning.file}${warning.record ? ` ${warning.record}` : ''}: ${warning.reason}`);
}
const records = result.documents.reduce((sum, document) => sum + document.recordCount, 0);
console.log(
  `seeds: ${result.municipalities.length} municipalities, ${result.concepts.length} concepts, ` +
    `${result.documents.length} valid document files with ${records} records, ${result.problems.length} problems${result.warnings.length ? `, ${result.warnings.length} warnings` : ''}`,
);
process.exitCode = result.problems.length ? 1 : 0;
