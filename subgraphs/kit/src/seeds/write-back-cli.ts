import 'reflect-metadata';
import { CITY_ENTITIES, CITY_MIGRATIONS } from '../city/define-city';
import { cityConfig } from '../city/city-config';
import { openDatabase } from '../database/data-source';
import { readEnvironment, seedsDirectory, sourcesDirectory } from '../runtime/env';
import { embeddedDatabaseHolder } from '../subgraph/maintainer-access';
import { checkSeeds } from './check';
import { writeBack } from './write-back';

/** `npm run seeds:write-back -- <city>`: the city's live records into its seed files, then the seeds check on the result. */
async function main() {
  const name = process.argv[2];
  if (!name || name.startsWith('-')) {
    console.error('usage: npm run seeds:write-back -- <city>   (the folder under subgraphs/, e.g. azumino)');
    process.exit(2);
  }
  const city = cityConfig(name);
  const databaseUrl = readEnvironment().DATABASE_URL;
  if (!databaseUrl) {
    // PGlite: one process per database folder, and the running city subgraph holds it.
    if (embeddedDatabaseHolder(name) !== undefined) {
      console.error(`${name} is running on its embedded PGlite database, which only one process may open: stop the stack (Ctrl-C) and run this again`);
      process.exit(1);
    }
  }
  const database = await openDatabase({ schema: city.name, entities: CITY_ENTITIES, migrations: CITY_MIGRATIONS, databaseUrl });
  try {
    const report = await writeBack(database.dataSource, city, seedsDirectory);
    console.log(`wrote ${report.files.join(', ')}; ${report.retired.length} newly retired ids in retired.yaml; ${report.contributed} contributed records`);
  } finally {
    await database.close();
  }
  const problems = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }).problems;
  for (const problem of problems) console.error(`seed problem: ${problem.file}${problem.record ? ` ${problem.record}` : ''}: ${problem.reason}`);
  if (problems.length > 0) process.exit(1);
  console.log('the seeds check passes');
  // Explicitly: after a closed embedded database, PGlite's runtime can keep the process waiting.
  process.exit(0);
}

void main();
