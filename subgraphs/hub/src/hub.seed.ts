import type { DataSource } from 'typeorm';
import type { SeedCheck } from '@kyodo/kit';
import { Concept, type Dimension } from './concept.entity';
import { Municipality } from './municipality.entity';

/**
 * Replaces the registry and the taxonomy with the hub's seed files in one transaction, and only when
 * both files are valid: a broken file changes nothing and says why.
 */
export async function seedHub(dataSource: DataSource, check: SeedCheck, log: (line: string) => void): Promise<void> {
  const hubProblems = check.problems.filter((problem) => problem.file.startsWith('hub/'));
  if (hubProblems.length) {
    for (const problem of hubProblems) log(`seed problem: ${problem.file} ${problem.record ?? ''}: ${problem.reason}`);
    log('hub seeds not imported');
    return;
  }
  await dataSource.transaction(async (manager) => {
    await manager.upsert(
      Municipality,
      check.municipalities.map((municipality, position) => ({ ...municipality, position })),
      ['code'],
    );
    await manager.upsert(
      Concept,
      check.concepts.map(({ dimension, ...concept }, position) => ({ ...concept, dimension: dimension as Dimension, position })),
      ['id'],
    );
  });
  log(`registry: ${check.municipalities.length} municipalities, taxonomy: ${check.concepts.length} concepts`);
}
