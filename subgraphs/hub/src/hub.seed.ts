import type { DataSource } from 'typeorm';
import type { CityConfig, SeedCheck, SeedReport } from '@kyodo/kit';
import { Concept, type Dimension } from './concept.entity';
import { Municipality } from './municipality.entity';

/**
 * Makes the registry and the taxonomy equal to the hub's seed files (removals included) in one
 * transaction, and only when both files are valid: a broken file changes nothing and says why.
 * A registered municipality without a configured city is listed but has no records; a configured
 * city missing from the registry is reported.
 */
export async function seedHub(dataSource: DataSource, check: SeedCheck, cities: CityConfig[], log: (line: string) => void): Promise<SeedReport> {
  const hubProblems = check.problems.filter((problem) => problem.file.startsWith('hub/')).map((problem) => `${problem.file} ${problem.record ?? ''}: ${problem.reason}`);
  const unregistered = cities.filter((city) => !check.municipalities.some((municipality) => municipality.code === city.code));
  const problems = [...hubProblems, ...unregistered.map((city) => `city ${city.name} serves ${city.code}, which is not in hub/municipalities.yaml`)];
  if (hubProblems.length) {
    for (const problem of problems) log(`seed problem: ${problem}`);
    log('hub seeds not imported');
    return { problems };
  }
  const served = check.municipalities.flatMap((municipality, position) => {
    const city = cities.find((candidate) => candidate.code === municipality.code);
    return city ? [{ ...municipality, position, typeName: city.typeName, subgraph: city.name }] : [];
  });
  await dataSource.transaction(async (manager) => {
    await manager.createQueryBuilder().delete().from(Municipality).where('NOT (code = ANY(:codes))', { codes: served.map((m) => m.code) }).execute();
    await manager.createQueryBuilder().delete().from(Concept).where('NOT (id = ANY(:ids))', { ids: check.concepts.map((c) => c.id) }).execute();
    if (served.length) await manager.upsert(Municipality, served, ['code']);
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
