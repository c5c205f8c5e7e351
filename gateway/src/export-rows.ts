import type { ApolloServer } from '@apollo/server';
import { type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { estimateCost, MAX_PAGE_SIZE } from './cost';
import { type DimensionTable, type ExportDimension, tableOf } from './export-dimensions';
import { ExportProblem } from './export-problem';
import type { ExportRequest } from './export-request';
import { LIMITS } from './limits';

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

/** Some of a municipality's records, as the API answered them. */
interface Records {
  city: City;
  records: JsonObject[];
}

/** The column of a practice's concepts, which the export labels from the taxonomy. */
const CONCEPTS = 'concepts';

/** The records of a paged list asked at once: the API's largest page. */
const PAGE_SIZE = MAX_PAGE_SIZE;

/** The columns of every row of a dimension, in order: what a CSV header names even with no rows. */
export function rowKeys(dimension: ExportDimension): string[] {
  return ['id', 'municipality_code', 'municipality_name', 'municipality_name_en', ...tableOf(dimension).columns.map(([name]) => name)];
}

/**
 * Reads the records of exports through the gateway, with the queries any client could send and
 * within the same limits. One municipality is asked by `municipality(code:)`, so no other city's
 * subgraph is asked; the whole registry is read a page of municipalities at a time
 * (`municipalities(first:, after:)`, at most 100 a request, fewer where each brings a page of
 * records that would take the request over the cost limit), each page with its municipalities'
 * records, so the hosted subgraph answers a page in one statement per record type. A municipality
 * whose paged list goes on is then asked for the rest by its code.
 */
export class ExportReader {
  private readonly perRequest = new Map<ExportDimension, number>();

  constructor(
    private readonly apollo: ApolloServer,
    /** The API schema, which the cost of a query is estimated on. */
    private readonly schema: GraphQLSchema,
  ) {}

  /**
   * The export's rows, a batch at a time in registry order, and for an export by id only the rows
   * of that id (a 404 when there are none). An export is complete or fails: any error, such as a
   * city that is down, throws instead of ending the rows early.
   */
  async *rows(request: Pick<ExportRequest, 'dimension' | 'code' | 'id' | 'plan'>): AsyncGenerator<ExportRow[]> {
    const { dimension, code, plan, id } = request;
    const table = tableOf(dimension);
    const labels = table.columns.some(([name]) => name === CONCEPTS) ? await this.conceptLabels() : new Map<string, JsonObject>();
    const batches = code === undefined ? this.registryRecords(dimension, table, plan) : this.municipalityRecords(dimension, table, code, plan);
    let found = false;
    for await (const { city, records } of batches) {
      const rows = records.map((record) => toRow(table, city, record, labels));
      const wanted = id === undefined ? rows : rows.filter((row) => row.id === id);
      found ||= wanted.length > 0;
      yield wanted;
    }
    if (id !== undefined && !found) throw new ExportProblem(404, 'UNKNOWN_RECORD', `no record "${id}" among the ${dimension}`);
  }

  /** Every row of an export, held at once: for answers known to be small (one record, a citation). */
  async allRows(request: Pick<ExportRequest, 'dimension' | 'code' | 'id' | 'plan'>): Promise<ExportRow[]> {
    const rows: ExportRow[] = [];
    for await (const batch of this.rows(request)) rows.push(...batch);
    return rows;
  }

  private async *municipalityRecords(dimension: ExportDimension, table: DimensionTable, code: string, plan: string | undefined): AsyncGenerator<Records> {
    const { municipality } = await this.ask<{ municipality: Answer | null }>(municipalityQuery(dimension, table), { code, plan });
    if (!municipality) throw new ExportProblem(404, 'UNKNOWN_MUNICIPALITY', `municipality ${code} is not registered in the hub`);
    yield* this.recordsFrom(dimension, table, municipality, plan);
  }

  private async *registryRecords(dimension: ExportDimension, table: DimensionTable, plan: string | undefined): AsyncGenerator<Records> {
    const first = this.municipalitiesPerRequest(dimension, table);
    let after: string | undefined;
    for (;;) {
      const { municipalities } = await this.ask<{ municipalities: Answer[] }>(registryQuery(dimension, table), { first, after, plan });
      for (const municipality of municipalities) yield* this.recordsFrom(dimension, table, municipality, plan);
      if (municipalities.length < first) return;
      after = municipalities.at(-1)!.code;
    }
  }

  /** A municipality's records in the answer in hand, then, for a paged list that goes on, the next pages. */
  private async *recordsFrom(dimension: ExportDimension, table: DimensionTable, answer: Answer, plan: string | undefined): AsyncGenerator<Records> {
    let records = answer.records;
    for (;;) {
      yield { city: answer, records: Array.isArray(records) ? records : (records?.nodes ?? []) };
      const after = records && !Array.isArray(records) && records.pageInfo.hasNextPage ? records.pageInfo.endCursor : null;
      if (!after) return;
      const next = await this.ask<{ municipality: Answer | null }>(municipalityQuery(dimension, table), { code: answer.code, plan, after });
      // Gone between two pages (moved or removed): the export cannot be complete.
      if (!next.municipality) throw new ExportProblem(503, 'EXPORT_INCOMPLETE', `export incomplete, try again later: municipality ${answer.code} is gone`);
      records = next.municipality.records;
    }
  }

  /** The taxonomy's labels by concept id, for the records' concepts, which are asked by id only. */
  private async conceptLabels(): Promise<Map<string, JsonObject>> {
    const { concepts } = await this.ask<{ concepts: { id: string; label: string; labelEn: string }[] }>(
      'query ExportConcepts { concepts { id label labelEn } }',
      {},
    );
    return new Map(concepts.map((concept) => [concept.id, concept]));
  }

  /**
   * Municipalities per registry request: the API's page bound, or fewer when one municipality's
   * records (a page of a paged list) cost so much that a full page would exceed the cost limit.
   */
  private municipalitiesPerRequest(dimension: ExportDimension, table: DimensionTable): number {
    let count = this.perRequest.get(dimension);
    if (count === undefined) {
      const [operation] = parse(registryQuery(dimension, table)).definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
      const { cost } = estimateCost(this.schema, operation!, new Map(), { first: 1 });
      count = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(LIMITS.maxCost / cost)));
      this.perRequest.set(dimension, count);
    }
    return count;
  }

  private async ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await this.apollo.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) {
      throw new ExportProblem(503, 'EXPORT_INCOMPLETE', `export incomplete, try again later: ${errors?.map((error) => error.message).join('; ')}`);
    }
    return data as T;
  }
}

/** The fields each municipality of an export answers with: its names and its records (aliased `records`). */
function municipalityFields(dimension: ExportDimension, table: DimensionTable, after: boolean): string {
  const listArguments = [table.paged && `first: ${PAGE_SIZE}`, table.paged && after && 'after: $after', table.byPlan && 'plan: $plan']
    .filter(Boolean)
    .join(', ');
  const fields = table.paged ? `pageInfo { hasNextPage endCursor } nodes { ${table.selection} }` : table.selection;
  return `code name nameEn records: ${dimension}${listArguments && `(${listArguments})`} { ${fields} }`;
}

/** One municipality's records, from the page after `$after` where the list is paged. */
function municipalityQuery(dimension: ExportDimension, table: DimensionTable): string {
  const variables = ['$code: ID!', table.paged && '$after: String', table.byPlan && '$plan: ID'].filter(Boolean).join(', ');
  return `query Export(${variables}) { municipality(code: $code) { ${municipalityFields(dimension, table, true)} } }`;
}

/** A page of the registry (`$first` municipalities after the code `$after`), each with its records (their first page where paged). */
function registryQuery(dimension: ExportDimension, table: DimensionTable): string {
  const variables = ['$first: Int!', '$after: ID', table.byPlan && '$plan: ID'].filter(Boolean).join(', ');
  return `query ExportRegistry(${variables}) { municipalities(first: $first, after: $after) { ${municipalityFields(dimension, table, false)} } }`;
}

function toRow(table: DimensionTable, city: City, record: JsonObject, labels: ReadonlyMap<string, JsonObject>): ExportRow {
  return {
    id: record.id ?? null,
    municipality_code: city.code,
    municipality_name: city.name,
    municipality_name_en: city.nameEn,
    ...Object.fromEntries(
      table.columns.map(([name, path]) => {
        const value = valueAt(record, path);
        return [name, name === CONCEPTS && Array.isArray(value) ? value.map((concept) => labelled(concept, labels)) : value];
      }),
    ),
  };
}

/** A concept the API gave by id, with its labels: {id, label, labelEn}. */
function labelled(concept: Json, labels: ReadonlyMap<string, JsonObject>): Json {
  const id = concept !== null && typeof concept === 'object' && !Array.isArray(concept) ? (concept.id ?? null) : null;
  const known = typeof id === 'string' ? labels.get(id) : undefined;
  return { id, label: known?.label ?? null, labelEn: known?.labelEn ?? null };
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
