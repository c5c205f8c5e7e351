import { z } from 'zod';
import type { RecordType } from '../records/declare';
import { RECORD_TYPES } from '../records/registry';

/** The format of seeds/documents/*.yaml (see seeds/README.md), derived from the record declarations. */
export const recordId = z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by "." or "-"');
const text = z.string().trim().min(1);
const source = z.object({ section: text, quote: text }).strict();

/** A record as a seed file writes it: its declared fields plus id, citation, references and concepts. */
export interface SeedRecord {
  id: string;
  source: { section: string; quote: string };
  plan?: string;
  concepts?: string[];
  [field: string]: unknown;
}

/** A record's own values as seeds and edits write them: references by id, concepts, declared fields (no id, no citation). */
export function recordShapeOf(type: RecordType): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const reference of type.references) shape[reference.name] = reference.nullable ? recordId.nullish() : recordId;
  if (type.practice) shape.concepts = z.array(recordId).min(1, 'map the record to at least one concept');
  for (const field of type.fields) shape[field.name] = field.seed;
  return shape;
}

export function seedSchemaOf(type: RecordType): z.ZodType<SeedRecord> {
  const shape: Record<string, z.ZodType> = { id: recordId, source, ...recordShapeOf(type) };
  const fieldNames = type.fields.map((field) => field.name) as [string, ...string[]];
  shape.hubReadings = z.array(z.enum(fieldNames, { message: `hubReadings names fields of the record: ${fieldNames.join(', ')}` })).default([]);
  return z.object(shape).strict() as unknown as z.ZodType<SeedRecord>;
}

export interface DocumentFile {
  /** The source document's id: seeds/sources/<document>.txt. */
  document: string;
  municipality: string;
  /** Records by section (`plans`, `measures`, …), every section present. */
  sections: Record<string, SeedRecord[]>;
}

export const documentFileSchema: z.ZodType<DocumentFile> = z
  .object({
    document: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'the id of a source document under seeds/sources'),
    municipality: z.string().regex(/^\d{6}$/, 'a six-digit local government code, quoted as a string'),
    ...Object.fromEntries(
      RECORD_TYPES.map((type) => {
        const list = z.array(seedSchemaOf(type));
        return [type.section, type.section === 'plans' ? list.min(1, 'a document states at least one plan') : list.default([])];
      }),
    ),
  })
  .strict()
  .transform(({ document, municipality, ...sections }) => ({
    document,
    municipality,
    sections,
  })) as unknown as z.ZodType<DocumentFile>;

/** Every record of a document, in section order. */
export function allRecords(data: DocumentFile | undefined): SeedRecord[] {
  if (!data) return [];
  return RECORD_TYPES.flatMap((type) => data.sections[type.section] ?? []);
}

/** seeds/sources/<id>.yaml: what a source document is. */
export const sourceDocumentSchema = z
  .object({
    municipality: z.string().regex(/^\d{6}$/),
    title: text,
    publisher: text,
    publishedOn: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable(),
    extraction: text,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    note: text.optional(),
  })
  .strict();

export type SourceDocumentSeed = z.infer<typeof sourceDocumentSchema> & { id: string };
