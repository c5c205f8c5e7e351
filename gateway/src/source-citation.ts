import type { ApolloServer } from '@apollo/server';
import { RECORD_TYPES } from '@kyodo/kit';
import { ExportProblem } from './export-problem';
import { parseExportRequest, type RegisteredCity } from './export-request';
import { exportRows } from './export-rows';

export interface Citation {
  document: string;
  section: string | null;
  quote: string;
}

export type CitationLookup =
  | { found: true; citation: Citation }
  /** `unknown`: no such record (a 404 of the API); `unavailable`: its city could not be asked just now. */
  | { found: false; reason: 'unknown' | 'unavailable'; message: string };

/** The city list a record id belongs to: plans have no infix, every other id reads <plan>.<key>.<local>. */
function dimensionOf(id: string): string | undefined {
  if (!id.includes('.')) return 'plans';
  const key = id.split('.')[1];
  return RECORD_TYPES.find((type) => type.key === key)?.list?.field;
}

/**
 * A record's citation as the API serves it now, not as the seed files say: records can be edited
 * in the database after the seeds were imported, and the page must highlight what clients are
 * shown. Asked like an export by id (only the owning city, only the record's plan).
 */
export async function citationOf(apollo: ApolloServer, registry: readonly RegisteredCity[], id: string): Promise<CitationLookup> {
  const dimension = dimensionOf(id);
  if (!dimension) return { found: false, reason: 'unknown', message: `no record "${id}": its id names no kind of record with a city list` };
  try {
    const request = parseExportRequest(`${dimension}.json`, new URLSearchParams({ id }), registry);
    // An export by id answers exactly the record, or throws.
    const [row] = await exportRows(apollo, request);
    const text = (name: string) => (typeof row?.[name] === 'string' ? row[name] : null);
    return { found: true, citation: { document: text('source_document') ?? '', section: text('source_section'), quote: text('source_quote') ?? '' } };
  } catch (error) {
    if (!(error instanceof ExportProblem)) throw error;
    return { found: false, reason: error.status === 503 ? 'unavailable' : 'unknown', message: error.message };
  }
}
