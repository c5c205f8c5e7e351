import type { DataSource, EntityManager } from 'typeorm';
import { type CityConfig, type HostedConfig, mentionsBySeeds, type SeedCheck, type SeedReport, seedsDirectory } from '@kyodo/kit';
import { Concept } from './concept.entity';
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
  const registryColumns = ['position', 'name', 'name_en', 'prefecture', 'prefecture_en', 'type_name', 'subgraph'];
  const registryRows = (rows: typeof served) =>
    rows.map((row) => ({
      code: row.code,
      position: row.position,
      name: row.name,
      name_en: row.nameEn,
      prefecture: row.prefecture,
      prefecture_en: row.prefectureEn,
      type_name: row.typeName,
      subgraph: row.subgraph,
      concepts: row.concepts,
    }));
  await dataSource.transaction(async (manager) => {
    const municipalities = tableOf(dataSource, Municipality);
    const concepts = tableOf(dataSource, Concept);
    await manager.query(`DELETE FROM ${municipalities} WHERE NOT (code = ANY($1))`, [served.map((row) => row.code)]);
    await manager.query(`DELETE FROM ${concepts} WHERE NOT (id = ANY($1))`, [check.concepts.map((concept) => concept.id)]);
    // The concepts of a municipality whose seed documents mention some are theirs; one without keeps what it has.
    const documented = served.filter((row) => mentions.has(row.code));
    const undocumented = served.filter((row) => !mentions.has(row.code));
    await upsertRows(manager, municipalities, 'code', [...registryColumns, 'concepts'], registryRows(documented));
    await upsertRows(manager, municipalities, 'code', registryColumns, registryRows(undocumented));
    await upsertRows(
      manager,
      concepts,
      'id',
      ['position', 'dimension', 'label', 'label_en', 'definition', 'definition_en', 'broader'],
      check.concepts.map((concept, position) => ({
        id: concept.id,
        position,
        dimension: concept.dimension,
        label: concept.label,
        label_en: concept.labelEn,
        definition: concept.definition ?? null,
        definition_en: concept.definitionEn ?? null,
        broader: concept.broader ?? null,
      })),
    );
  });
  log(`registry: ${served.length} municipalities served, taxonomy: ${check.concepts.length} concepts`);
  for (const problem of problems) log(`seed problem: ${problem}`);
  return { problems };
}

/** An entity's table, schema-qualified, for the statements written here. */
function tableOf(dataSource: DataSource, entity: abstract new () => unknown): string {
  const { schema, tableName } = dataSource.getMetadata(entity);
  return schema ? `"${schema}"."${tableName}"` : `"${tableName}"`;
}

/**
 * Inserts the rows (objects keyed by column name) or updates the `updated` columns of those whose
 * key exists, in one statement however many they are: the rows are one JSON parameter, typed by
 * the table's own row type (jsonb_populate_recordset). A row whose columns are already those values
 * is not rewritten, so a start whose seeds did not change writes nothing. (The ORM's upserts, which
 * built their statements value by value, took two to three times as long at 1,741 rows.)
 */
async function upsertRows(manager: EntityManager, table: string, key: string, updated: string[], rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const list = (prefix: string, names: string[]) => names.map((name) => `${prefix}${name}`).join(', ');
  await manager.query(
    `INSERT INTO ${table} AS stored (${list('', columns)}) SELECT ${list('', columns)} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (${key}) DO UPDATE SET ${updated.map((name) => `${name} = excluded.${name}`).join(', ')}
     WHERE (${list('stored.', updated)}) IS DISTINCT FROM (${list('excluded.', updated)})`,
    [JSON.stringify(rows)],
  );
}
