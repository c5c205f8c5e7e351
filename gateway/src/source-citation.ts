import { RECORD_TYPES } from '@kyodo/kit';
import { ExportProblem } from './export-problem';
import { type ExportRegistry, ownerOf, parseExportRequest, planOf } from './export-request';
import type { ExportReader } from './export-rows';

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
 * shown. Asked like an export by id (only the owning city, only the record's plan). A record whose
 * plan no self-run city owns is asked of the municipality of the page's document (`municipality`),
 * not searched for in every municipality of the registry.
 */
export async function citationOf(reader: ExportReader, registry: ExportRegistry, id: string, municipality: string): Promise<CitationLookup> {
  const dimension = dimensionOf(id);
  if (!dimension) return { found: false, reason: 'unknown', message: `no record "${id}": its id names no kind of record with a city list` };
  try {
    const parameters = new URLSearchParams({ id });
    if (!ownerOf(planOf(id, dimension), registry.cities)) parameters.set('municipality', municipality);
    const request = parseExportRequest(`${dimension}.json`, parameters, registry);
    // An export by id answers exactly the record, or throws.
    const [row] = await reader.allRows(request);
    const text = (name: string) => (typeof row?.[name] === 'string' ? row[name] : null);
    return { found: true, citation: { document: text('source_document') ?? '', section: text('source_section'), quote: text('source_quote') ?? '' } };
  } catch (error) {
    if (!(error instanceof ExportProblem)) throw error;
    return { found: false, reason: error.status === 503 ? 'unavailable' : 'unknown', message: error.message };
  }
}
