import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { ZodError, ZodType, ZodTypeDef } from 'zod';
import { localGovernmentCodeProblem } from '../municipality/local-government-code';
import { RECORD_TYPES, recordTypeOf } from '../records/registry';
import { allRecords, type DocumentFile, documentFileSchema, type SourceDocumentSeed, sourceDocumentSchema } from './document-file';
import {
  CONCEPT_DIMENSIONS,
  type ConceptSeed,
  conceptsFileSchema,
  municipalitiesFileSchema,
  type MunicipalitySeed,
} from './hub-files';
import { guardConceptShares, guardDocument } from './guards';
import { checkRetired } from './retired';
import { normalizeQuote } from './normalize';

export interface SeedProblem {
  file: string;
  record?: string;
  reason: string;
}

/**
 * The checks of meaning (guards.ts) report problems; while the seeds are being brought up to
 * them they may run as warnings (KYODO_SEED_GUARDS=warn), which do not stop an import.
 */
const GUARDS_AS_WARNINGS = process.env.KYODO_SEED_GUARDS === 'warn';

export interface CheckedDocument {
  /** Path relative to the seeds folder, e.g. documents/ueda-2020.yaml. */
  file: string;
  sha256: string;
  data: DocumentFile;
  /** The source document the file cites, as seeds/sources describes it. */
  source: SourceDocumentSeed;
  recordCount: number;
}

export interface SeedCheck {
  /** Problems of meaning reported but not enforced (only with KYODO_SEED_GUARDS=warn). */
  warnings: SeedProblem[];
  municipalities: MunicipalitySeed[];
  concepts: ConceptSeed[];
  /** Only the document files without problems: a file that fails the check imports nothing. */
  documents: CheckedDocument[];
  problems: SeedProblem[];
}

export interface SeedFolders {
  seeds: string;
  sources: string;
}

export const MUNICIPALITIES_FILE = 'hub/municipalities.yaml';
export const CONCEPTS_FILE = 'hub/concepts.yaml';

/** Reads and validates every seed file; see seeds/README.md for what is checked. */
export function checkSeeds(folders: SeedFolders, onlyDocuments?: readonly string[]): SeedCheck {
  const problems: SeedProblem[] = [];
  const municipalities = readValidated(folders.seeds, MUNICIPALITIES_FILE, municipalitiesFileSchema, problems) ?? [];
  municipalities.forEach((municipality) => {
    const problem = localGovernmentCodeProblem(municipality.code);
    if (problem) problems.push({ file: MUNICIPALITIES_FILE, record: municipality.code, reason: problem });
  });
  reportDuplicates(MUNICIPALITIES_FILE, municipalities.map((m) => m.code), problems);

  const conceptsFile = readValidated(folders.seeds, CONCEPTS_FILE, conceptsFileSchema, problems);
  const concepts: ConceptSeed[] = CONCEPT_DIMENSIONS.flatMap((dimension) =>
    (conceptsFile?.[dimension] ?? []).map((concept) => ({ ...concept, dimension })),
  );
  for (const concept of concepts) {
    if (!concept.id.startsWith(`${concept.dimension}.`)) {
      problems.push({ file: CONCEPTS_FILE, record: concept.id, reason: `listed under ${concept.dimension} but named otherwise` });
    }
  }
  reportDuplicates(CONCEPTS_FILE, concepts.map((c) => c.id), problems);
  const conceptById = new Map(concepts.map((concept) => [concept.id, concept]));
  for (const concept of concepts) {
    if (!concept.broader) continue;
    const broader = conceptById.get(concept.broader);
    if (!broader) problems.push({ file: CONCEPTS_FILE, record: concept.id, reason: `broader names ${concept.broader}, which is not a concept` });
    else if (broader.dimension !== concept.dimension) problems.push({ file: CONCEPTS_FILE, record: concept.id, reason: `broader ${broader.id} is of another dimension` });
    else if (ancestorsOf(concept.id, conceptById).includes(concept.id)) problems.push({ file: CONCEPTS_FILE, record: concept.id, reason: 'broader concepts form a cycle' });
  }

  const documentFiles = (onlyDocuments ?? listDocumentFiles(folders.seeds)).map((file) =>
    checkDocumentFile(folders, file, { municipalities, concepts }),
  );
  const seenIds = new Map<string, string>();
  for (const checked of documentFiles) {
    for (const recordId of allRecords(checked.data).map((record) => record.id)) {
      const other = seenIds.get(recordId);
      if (other && other !== checked.file) {
        checked.problems.push({ file: checked.file, record: recordId, reason: `id also used in ${other}` });
      }
      seenIds.set(recordId, checked.file);
    }
    problems.push(...checked.problems);
  }
  const guarded = [
    ...documentFiles.flatMap((checked) => (checked.data ? guardDocument(checked.file, checked.data) : [])),
    ...(onlyDocuments === undefined
      ? guardConceptShares(documentFiles.flatMap((checked) => (checked.data ? [{ file: checked.file, data: checked.data }] : [])), CONCEPTS_FILE)
      : []),
  ];
  // Retired ids are checked against every document, so only when every document was read.
  if (onlyDocuments === undefined) {
    const liveIds = new Set(documentFiles.flatMap((checked) => allRecords(checked.data).map((record) => record.id)));
    const readDocuments = new Set(documentFiles.flatMap((checked) => (checked.data ? [checked.data.document] : [])));
    problems.push(...checkRetired(folders.seeds, liveIds, readDocuments).problems);
  }
  if (!GUARDS_AS_WARNINGS) {
    for (const guard of guarded) documentFiles.find((checked) => checked.file === guard.file)?.problems.push(guard);
    problems.push(...guarded);
  }
  return {
    warnings: GUARDS_AS_WARNINGS ? guarded : [],
    municipalities,
    concepts,
    documents: documentFiles
      .flatMap(({ file, sha256, data, source, problems: found }) =>
        found.length === 0 && data && source ? [{ file, sha256, data, source, recordCount: allRecords(data).length }] : [],
      ),
    problems,
  };
}

/** The broader concepts of a concept, nearest first (stops at a cycle). */
export function ancestorsOf(id: string, concepts: ReadonlyMap<string, { broader?: string }>): string[] {
  const ancestors: string[] = [];
  for (let current = concepts.get(id)?.broader; current && ancestors.length <= concepts.size; current = concepts.get(current)?.broader) {
    ancestors.push(current);
    if (current === id) break;
  }
  return ancestors;
}

/** A concept and every concept below it: what a `concept:` filter on it returns. */
export function withNarrower(id: string, concepts: readonly { id: string; broader?: string }[]): string[] {
  const byId = new Map(concepts.map((concept) => [concept.id, concept]));
  return [id, ...concepts.filter((concept) => concept.id !== id && ancestorsOf(concept.id, byId).includes(id)).map((concept) => concept.id)];
}

export function listDocumentFiles(seedsFolder: string): string[] {
  const folder = path.join(seedsFolder, 'documents');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => `documents/${name}`);
}

interface Registry {
  municipalities: MunicipalitySeed[];
  concepts: ConceptSeed[];
}

function checkDocumentFile(folders: SeedFolders, file: string, registry: Registry) {
  const problems: SeedProblem[] = [];
  const raw = readText(folders.seeds, file, problems);
  const sha256 = createHash('sha256').update(raw ?? '').digest('hex');
  const data = raw === undefined ? undefined : parseValidated(file, raw, documentFileSchema, problems);
  if (!data) return { file, sha256, data, source: undefined, problems };
  const problem = (record: string | undefined, reason: string) => problems.push({ file, record, reason });

  if (!registry.municipalities.some((m) => m.code === data.municipality)) {
    problem(undefined, `municipality ${data.municipality} is not in ${MUNICIPALITIES_FILE}`);
  }
  const source = readSourceDocument(folders.sources, data.document, problems, file);
  if (source && source.metadata.municipality !== data.municipality) {
    problem(undefined, `source document ${data.document} belongs to municipality ${source.metadata.municipality}, not ${data.municipality}`);
  }
  const conceptDimension = new Map(registry.concepts.map((concept) => [concept.id, concept.dimension]));
  reportDuplicates(file, allRecords(data).map((record) => record.id), problems);
  const byId = new Map(RECORD_TYPES.map((type) => [type.section, new Map((data.sections[type.section] ?? []).map((record) => [record.id, record]))]));
  const lookup = { byId: (section: string, id: string) => byId.get(section)?.get(id) };

  for (const type of RECORD_TYPES) {
    for (const record of data.sections[type.section] ?? []) {
      if (type.section !== 'plans') {
        if (!record.plan || !lookup.byId('plans', record.plan)) problem(record.id, `plan ${record.plan} is not a plan of this file`);
        else if (!record.id.startsWith(`${record.plan}.${type.key}.`)) problem(record.id, `id must start with "${record.plan}.${type.key}."`);
      }
      for (const reference of type.references) {
        const target = record[reference.name];
        // The seed schema made it an id, or left it out.
        if (reference.name === 'plan' || typeof target !== 'string') continue;
        const section = recordTypeOf(reference.target()).section;
        if (!lookup.byId(section, target)) problem(record.id, `${reference.name} ${target} does not exist among the ${section} of this file`);
      }
      for (const concept of record.concepts ?? []) {
        const actual = conceptDimension.get(concept);
        if (!actual) problem(record.id, `unknown concept ${concept}`);
        else if (actual !== type.dimension) problem(record.id, `concept ${concept} is a ${actual} concept, not a ${type.dimension} one`);
      }
      for (const reason of type.check?.(record, lookup) ?? []) problem(record.id, reason);
    }
  }
  if (source) {
    for (const record of allRecords(data)) {
      if (!source.text.includes(normalizeQuote(record.source.quote))) {
        problem(record.id, `quote not found in ${data.document}: "${record.source.quote.slice(0, 60)}"`);
      }
    }
  }
  return { file, sha256, data, source: source?.metadata, problems };
}

/** seeds/sources/<id>.txt (normalised for quote checks) and its description <id>.yaml. */
function readSourceDocument(sourcesFolder: string, id: string, problems: SeedProblem[], file: string) {
  const textPath = path.join(sourcesFolder, `${id}.txt`);
  if (!existsSync(textPath)) {
    problems.push({ file, reason: `source document ${id}.txt not found in ${sourcesFolder}` });
    return undefined;
  }
  const raw = readFileSync(textPath, 'utf8');
  const metadata = readValidated(sourcesFolder, `${id}.yaml`, sourceDocumentSchema, problems);
  if (!metadata) return undefined;
  const actual = createHash('sha256').update(raw).digest('hex');
  if (metadata.sha256 !== actual) {
    problems.push({ file, reason: `${id}.yaml gives sha256 ${metadata.sha256}, but ${id}.txt has ${actual}: the text changed` });
  }
  return { text: normalizeQuote(raw), metadata: { ...metadata, id } };
}

function reportDuplicates(file: string, ids: string[], problems: SeedProblem[]) {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push({ file, record: id, reason: 'duplicate id' });
    seen.add(id);
  }
}

function readText(seedsFolder: string, file: string, problems: SeedProblem[]): string | undefined {
  try {
    return readFileSync(path.join(seedsFolder, file), 'utf8');
  } catch (error) {
    problems.push({ file, reason: `cannot read: ${(error as Error).message}` });
    return undefined;
  }
}

function readValidated<T>(seedsFolder: string, file: string, schema: ZodType<T, ZodTypeDef, unknown>, problems: SeedProblem[]) {
  const raw = readText(seedsFolder, file, problems);
  return raw === undefined ? undefined : parseValidated(file, raw, schema, problems);
}

function parseValidated<T>(file: string, raw: string, schema: ZodType<T, ZodTypeDef, unknown>, problems: SeedProblem[]): T | undefined {
  let parsed: unknown;
  try {
    parsed = YAML.parse(raw);
  } catch (error) {
    problems.push({ file, reason: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const result = schema.safeParse(parsed);
  if (result.success) return result.data;
  problems.push(...describeSchemaErrors(file, parsed, result.error));
  return undefined;
}

/** Names the record (by its id where it has one) and the field that breaks the format. */
function describeSchemaErrors(file: string, parsed: unknown, error: ZodError): SeedProblem[] {
  return error.issues.map((issue) => {
    const [section, index, ...field] = issue.path;
    const record =
      typeof section === 'string' && typeof index === 'number'
        ? ((parsed as Record<string, { id?: unknown }[]>)[section]?.[index]?.id as string | undefined) ?? `${section}[${index}]`
        : undefined;
    const where = (record ? field : issue.path).join('.');
    return { file, record, reason: where ? `${where}: ${issue.message}` : issue.message };
  });
}
