import type { ApolloServer } from '@apollo/server';
import { Router } from 'express';

/**
 * Researchers' exports: every record of a dimension, from every city, through the same federated
 * API the clients use. One row per record, one column per field (multi-valued fields joined by
 * " | "), with stable ids, the municipality, the plan, the concepts and the citation.
 */
export const EXPORT_DIMENSIONS = ['plans', 'principles', 'forms', 'organizations', 'measures'] as const;
export type ExportDimension = (typeof EXPORT_DIMENSIONS)[number];
export type ExportFormat = 'csv' | 'json';

type Row = Record<string, string | number | null | string[] | { id: string; label: string; labelEn: string }[]>;
type Column = [name: string, value: (record: any) => string | number | null | string[]];

const PRACTICE_SELECTION = 'id plan { id title } concepts { id label labelEn } source { document section quote }';

/** Per dimension: what to ask the API for, and the columns it becomes (the README's data dictionary). */
const DIMENSIONS: Record<ExportDimension, { selection: string; columns: Column[] }> = {
  plans: {
    selection: 'id title kind edition publishedOn periodStart periodEnd slogan definition document reviewedIn { id } source { document section quote }',
    columns: [
      ['title', (r) => r.title],
      ['kind', (r) => r.kind],
      ['edition', (r) => r.edition],
      ['published_on', (r) => r.publishedOn],
      ['period_start', (r) => r.periodStart],
      ['period_end', (r) => r.periodEnd],
      ['slogan', (r) => r.slogan],
      ['definition', (r) => r.definition],
      ['reviewed_in', (r) => r.reviewedIn?.id ?? null],
    ],
  },
  principles: {
    selection: `${PRACTICE_SELECTION} number title category description`,
    columns: [
      ['number', (r) => r.number],
      ['title', (r) => r.title],
      ['category', (r) => r.category],
      ['description', (r) => r.description],
    ],
  },
  forms: {
    selection: `${PRACTICE_SELECTION} number title category categoryNote overview effects cautions examples`,
    columns: [
      ['number', (r) => r.number],
      ['title', (r) => r.title],
      ['category', (r) => r.category],
      ['category_note', (r) => r.categoryNote],
      ['overview', (r) => r.overview],
      ['effects', (r) => r.effects],
      ['cautions', (r) => r.cautions],
      ['examples', (r) => r.examples],
    ],
  },
  organizations: {
    selection: `${PRACTICE_SELECTION} name kind role`,
    columns: [
      ['name', (r) => r.name],
      ['kind', (r) => r.kind],
      ['role', (r) => r.role],
    ],
  },
  measures: {
    selection: `${PRACTICE_SELECTION} number title level levelName parent { id } departments status description`,
    columns: [
      ['number', (r) => r.number],
      ['title', (r) => r.title],
      ['level', (r) => r.level],
      ['level_name', (r) => r.levelName],
      ['parent_id', (r) => r.parent?.id ?? null],
      ['departments', (r) => r.departments],
      ['status', (r) => r.status],
      ['description', (r) => r.description],
    ],
  },
};

export interface ExportFilter {
  municipality?: string;
  id?: string;
}

/** Reads every record of the dimension through the gateway, paging through measures. */
export async function exportRows(apollo: ApolloServer, dimension: ExportDimension, filter: ExportFilter = {}): Promise<Row[]> {
  const { selection, columns } = DIMENSIONS[dimension];
  const municipalities = (await execute(apollo, '{ municipalities { code name nameEn } }')).municipalities as {
    code: string;
    name: string;
    nameEn: string;
  }[];
  const rows: Row[] = [];
  for (const municipality of municipalities.filter((m) => !filter.municipality || m.code === filter.municipality)) {
    for (const record of await recordsOf(apollo, dimension, municipality.code, selection)) {
      if (filter.id && record.id !== filter.id) continue;
      const isPlan = dimension === 'plans';
      rows.push({
        id: record.id,
        municipality_code: municipality.code,
        municipality_name: municipality.name,
        municipality_name_en: municipality.nameEn,
        plan_id: isPlan ? record.id : record.plan.id,
        plan_title: isPlan ? record.title : record.plan.title,
        ...Object.fromEntries(columns.map(([name, value]) => [name, value(record)])),
        concepts: isPlan ? [] : record.concepts,
        source_document: record.source.document,
        source_section: record.source.section,
        source_quote: record.source.quote,
      });
    }
  }
  return rows;
}

async function recordsOf(apollo: ApolloServer, dimension: ExportDimension, code: string, selection: string): Promise<any[]> {
  if (dimension !== 'measures') {
    const data = await execute(apollo, `query($code: ID!) { municipality(code: $code) { ${dimension} { ${selection} } } }`, { code });
    return (data.municipality as Record<string, any[] | null>)[dimension] ?? [];
  }
  const measures: any[] = [];
  let after: string | null = null;
  do {
    const data = await execute(
      apollo,
      `query($code: ID!, $after: String) { municipality(code: $code) {
        measures(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } } }`,
      { code, after },
    );
    const page = (data.municipality as { measures: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: any[] } }).measures;
    measures.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return measures;
}

async function execute(apollo: ApolloServer, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await apollo.executeOperation({ query, variables });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  // An export must be complete: a missing city fails it instead of yielding a partial file.
  if (errors?.length || !data) throw new Error(`export incomplete: ${errors?.map((error) => error.message).join('; ')}`);
  return data;
}

/** CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Japanese right), CRLF, RFC 4180 quoting. */
export function toCsv(rows: Row[]): string {
  if (rows.length === 0) return '\uFEFF';
  const headers = Object.keys(rows[0]!).flatMap((key) => (key === 'concepts' ? ['concept_ids', 'concept_labels', 'concept_labels_en'] : [key]));
  const cell = (value: Row[string]): string => {
    const text = value == null ? '' : Array.isArray(value) ? value.map(String).join(' | ') : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = rows.map((row) =>
    headers
      .map((header) => {
        const concepts = row.concepts as { id: string; label: string; labelEn: string }[];
        if (header === 'concept_ids') return cell(concepts.map((c) => c.id));
        if (header === 'concept_labels') return cell(concepts.map((c) => c.label));
        if (header === 'concept_labels_en') return cell(concepts.map((c) => c.labelEn));
        return cell(row[header] ?? null);
      })
      .join(','),
  );
  return `\uFEFF${[headers.join(','), ...lines].join('\r\n')}\r\n`;
}

export function render(rows: Row[], format: ExportFormat): string {
  return format === 'csv' ? toCsv(rows) : JSON.stringify(rows, null, 2);
}

/** GET /export/<dimension>.csv|.json[?municipality=<code>&id=<record id>] */
export function exportRoutes(apollo: ApolloServer): Router {
  const router = Router();
  router.get('/:file', async (request, response) => {
    const match = /^(\w+)\.(csv|json)$/.exec(request.params.file);
    const dimension = match?.[1] as ExportDimension | undefined;
    if (!match || !EXPORT_DIMENSIONS.includes(dimension!)) {
      response.status(404).json({
        error: `no such export: use /export/<dimension>.csv or .json with dimension one of ${EXPORT_DIMENSIONS.join(', ')}`,
      });
      return;
    }
    const format = match[2] as ExportFormat;
    const query = (name: string) => (typeof request.query[name] === 'string' ? (request.query[name] as string) : undefined);
    try {
      const rows = await exportRows(apollo, dimension!, { municipality: query('municipality'), id: query('id') });
      response
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .setHeader('Cache-Control', 'public, max-age=300')
        .setHeader('Content-Disposition', `inline; filename="kyodo-${dimension}.${format}"`)
        .send(render(rows, format));
    } catch (error) {
      response.status(503).json({ error: (error as Error).message });
    }
  });
  return router;
}
