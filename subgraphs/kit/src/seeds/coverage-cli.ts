import { seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds } from './check';
import { coverageOf } from './coverage';

/** npm run seeds:coverage: per document, its records and the share of its text their quotes hold. */
const check = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
console.log('| document | records | characters | held by quotes |\n|---|--:|--:|--:|');
for (const document of check.documents) {
  const { records, characters, covered } = coverageOf(document, sourcesDirectory);
  console.log(`| ${document.data.document} | ${records} | ${characters} | ${(100 * covered).toFixed(1)}% |`);
}
