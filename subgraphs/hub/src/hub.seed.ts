import type { DataSource } from 'typeorm';
import { type CityConfig, type HostedConfig, mentionsBySeeds, type SeedCheck, type SeedReport, seedsDirectory } from '@kyodo/kit';
import { Concept, type Dimension } from './concept.entity';
import { Municipality } from './municipality.entity';

/**
 * Makes the registry and the taxonomy equal to the hub's seed files (removals included) in one
 * transaction, and only when both files are valid: a broken file changes nothing and says why.
 * A registered municipality without a configured city is hosted (when the hosted subgraph is
 * configured; otherwise it is left out); a configured city missing from the registry is reported.
 * Each row keeps the concepts its seed documents mention; a municipality without seed documents
 * keeps those it has (a hosted municipality loaded in bulk brings its own).
 */
export async function seedHub(
  dataSource: DataSource,
  check: SeedCheck,
  cities: CityConfig[],
  hosted: HostedConfig | undefined,
  log: (line: string) => void,
): Promise<SeedReport> {
  const hubProblems = check.problems
    .filter((problem) => problem.file.startsWith('hub/'))
    .map((problem) => `${problem.file} ${problem.record ?? ''}: ${problem.reason}`);
  const unregistered = cities.filter((city) => !check.municipalities.some((municipality) => municipality.code === city.code));
  const problems = [...hubProblems, ...unregistered.map((city) => `city ${city.name} serves ${city.code}, which is not in hub/municipalities.yaml`)];
  if (hubProblems.length) {
    for (const problem of problems) log(`seed problem: ${problem}`);
    log('hub seeds not imported');
    return { problems };
  }
  const mentions = mentionsBySeeds(seedsDirectory);
  const served = check.municipalities.flatMap((municipality, position) => {
    const city = cities.find((candidate) => candidate.code === municipality.code);
    const server = city ? { typeName: city.typeName, subgraph: city.name } : hosted ? { typeName: hosted.typeName, subgraph: hosted.name } : undefined;
    return server ? [{ ...municipality, ...server, position, concepts: [...(mentions.get(municipality.code) ?? [])].sort() }] : [];
  });
  const [documented, undocumented] = [served.filter((row) => mentions.has(row.code)), served.filter((row) => !mentions.has(row.code))];
  await dataSource.transaction(async (manager) => {
    await manager
      .createQueryBuilder()
      .delete()
      .from(Municipality)
      .where('NOT (code = ANY(:codes))', { codes: served.map((m) => m.code) })
      .execute();
    await manager
      .createQueryBuilder()
      .delete()
      .from(Concept)
      .where('NOT (id = ANY(:ids))', { ids: check.concepts.map((c) => c.id) })
      .execute();
    if (documented.length) await manager.upsert(Municipality, documented, ['code']);
    // Column names, not properties: orUpdate writes them into ON CONFLICT … DO UPDATE as they are.
    const update = ['position', 'name', 'name_en', 'prefecture', 'prefecture_en', 'type_name', 'subgraph'];
    for (let start = 0; start < undocumented.length; start += 1000) {
      const rows = undocumented.slice(start, start + 1000).map(({ concepts: _none, ...row }) => row);
      await manager.createQueryBuilder().insert().into(Municipality).values(rows).orUpdate(update, ['code']).execute();
    }
    if (check.concepts.length) {
      await manager.upsert(
        Concept,
        check.concepts.map(({ dimension, ...concept }, position) => ({
          ...concept,
          definition: concept.definition ?? null,
          broader: concept.broader ?? null,
          dimension: dimension as Dimension,
          position,
        })),
        ['id'],
      );
    }
  });
  log(`registry: ${served.length} municipalities served, taxonomy: ${check.concepts.length} concepts`);
  for (const problem of problems) log(`seed problem: ${problem}`);
  return { problems };
}
