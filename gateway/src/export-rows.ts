import type { ApolloServer } from '@apollo/server';
import { type DimensionTable, type ExportDimension, tableOf } from './export-dimensions';
import { ExportProblem } from './export-problem';
import type { ExportRequest } from './export-request';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One exported record: `id`, the municipality's columns, then the dimension's columns, in order. */
export type ExportRow = JsonObject;

interface City {
  code: string;
  name: string;
  nameEn: string;
}

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: JsonObject[];
}

/** What the export query answers for one municipality. */
interface Answer extends City {
  records: JsonObject[] | Page | null;
}

const PAGE_SIZE = 100;

/** The columns of every row of a dimension, in order: what a CSV header names even with no rows. */
export function rowKeys(dimension: ExportDimension): string[] {
  return ['id', 'municipality_code', 'municipality_name', 'municipality_name_en', ...tableOf(dimension).columns.map(([name]) => name)];
}

/**
 * Reads the records of an export through the gateway, asking only the municipalities in scope
 * (each by `municipality(code:)`, so no other city's subgraph is asked), and for an export by id
 * only the record's plan where the list can be narrowed so. An export is complete or fails: any
 * error, such as a city that is down, throws instead of yielding a partial list.
 */
export async function exportRows(apollo: ApolloServer, request: Pick<ExportRequest, 'dimension' | 'cities' | 'id' | 'plan'>): Promise<ExportRow[]> {
  const table: DimensionTable = tableOf(request.dimension);
  const perCity = await Promise.all(
    request.cities.map(async (code) => {
      const { city, records } = await recordsOf(apollo, request.dimension, table, code, request.plan);
      return records.map((record) => toRow(table, city, record));
    }),
  );
  const rows = perCity.flat();
  if (request.id === undefined) return rows;
  const found = rows.filter((row) => row.id === request.id);
  if (found.length === 0) throw new ExportProblem(404, 'UNKNOWN_RECORD', `no record "${request.id}" among the ${request.dimension}`);
  return found;
}

async function recordsOf(
  apollo: ApolloServer,
  dimension: ExportDimension,
  table: DimensionTable,
  code: string,
  plan: string | undefined,
): Promise<{ city: City; records: JsonObject[] }> {
  const query = exportQuery(dimension, table);
  const records: JsonObject[] = [];
  let after: string | null = null;
  let answer: Answer;
  do {
    answer = await municipality(apollo, query, { code, plan, after });
    const list = answer.records;
    if (list === null || Array.isArray(list)) {
      records.push(...(list ?? []));
      after = null;
    } else {
      records.push(...list.nodes);
      after = list.pageInfo.hasNextPage ? list.pageInfo.endCursor : null;
    }
  } while (after);
  return { city: answer, records };
}

/** One municipality's records of the dimension (aliased `records`), a page at a time where paged. */
function exportQuery(dimension: ExportDimension, table: DimensionTable): string {
  const variables = ['$code: ID!', table.paged && '$after: String', table.byPlan && '$plan: ID'].filter(Boolean).join(', ');
  const listArguments = [table.paged && `first: ${PAGE_SIZE}, after: $after`, table.byPlan && 'plan: $plan'].filter(Boolean).join(', ');
  const fields = table.paged ? `pageInfo { hasNextPage endCursor } nodes { ${table.selection} }` : table.selection;
  return `query Export(${variables}) { municipality(code: $code) {
    code name nameEn records: ${dimension}${listArguments && `(${listArguments})`} { ${fields} } } }`;
}

async function municipality(apollo: ApolloServer, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await apollo.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  if (errors?.length || !data) {
    throw new ExportProblem(503, 'EXPORT_INCOMPLETE', `export incomplete, try again later: ${errors?.map((error) => error.message).join('; ')}`);
  }
  const answer = (data as { municipality: Answer | null }).municipality;
  if (!answer) throw new ExportProblem(404, 'UNKNOWN_MUNICIPALITY', `municipality ${String(variables.code)} is not known to the hub`);
  return answer;
}

function toRow(table: DimensionTable, city: City, record: JsonObject): ExportRow {
  return {
    id: record.id ?? null,
    municipality_code: city.code,
    municipality_name: city.name,
    municipality_name_en: city.nameEn,
    ...Object.fromEntries(table.columns.map(([name, path]) => [name, valueAt(record, path)])),
  };
}

/** The value at a dotted path ("reviewedIn.id"), null where any step is missing. */
function valueAt(record: JsonObject, path: string): Json {
  let value: Json = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = value[key] ?? null;
  }
  return value;
}
