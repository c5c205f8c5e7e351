import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import YAML from 'yaml';
import {
  checkDigitOf,
  checkSeeds,
  type ConceptSeed,
  type DocumentFile,
  documentFileSchema,
  type MunicipalitySeed,
  RECORD_TYPES,
  type RecordType,
  rowOf,
  type SeedRecord,
  type SourceDocumentSeed,
} from '@kyodo/kit';

/**
 * A simulated country: municipalities with valid local government codes in the 47 prefectures,
 * each with one plan document of 50–300 records cited against a generated source text (every quote
 * is a sentence of it). The records are seed-shaped and built from the record declarations, so
 * they are what a seed file of that municipality would hold, and pass the seed file schema.
 */
export interface SimulatedMunicipality extends MunicipalitySeed {
  document: DocumentFile;
  source: SourceDocumentSeed;
  /** The generated source text, which every record's quote is a sentence of. */
  text: string;
  recordCount: number;
  /** The concepts its records are mapped to. */
  concepts: string[];
}

/** The 47 prefectures in the order of their codes (01 Hokkaidō … 47 Okinawa). */
export const PREFECTURES: readonly (readonly [string, string])[] = [
  ['北海道', 'Hokkaido'],
  ['青森県', 'Aomori'],
  ['岩手県', 'Iwate'],
  ['宮城県', 'Miyagi'],
  ['秋田県', 'Akita'],
  ['山形県', 'Yamagata'],
  ['福島県', 'Fukushima'],
  ['茨城県', 'Ibaraki'],
  ['栃木県', 'Tochigi'],
  ['群馬県', 'Gunma'],
  ['埼玉県', 'Saitama'],
  ['千葉県', 'Chiba'],
  ['東京都', 'Tokyo'],
  ['神奈川県', 'Kanagawa'],
  ['新潟県', 'Niigata'],
  ['富山県', 'Toyama'],
  ['石川県', 'Ishikawa'],
  ['福井県', 'Fukui'],
  ['山梨県', 'Yamanashi'],
  ['長野県', 'Nagano'],
  ['岐阜県', 'Gifu'],
  ['静岡県', 'Shizuoka'],
  ['愛知県', 'Aichi'],
  ['三重県', 'Mie'],
  ['滋賀県', 'Shiga'],
  ['京都府', 'Kyoto'],
  ['大阪府', 'Osaka'],
  ['兵庫県', 'Hyogo'],
  ['奈良県', 'Nara'],
  ['和歌山県', 'Wakayama'],
  ['鳥取県', 'Tottori'],
  ['島根県', 'Shimane'],
  ['岡山県', 'Okayama'],
  ['広島県', 'Hiroshima'],
  ['山口県', 'Yamaguchi'],
  ['徳島県', 'Tokushima'],
  ['香川県', 'Kagawa'],
  ['愛媛県', 'Ehime'],
  ['高知県', 'Kochi'],
  ['福岡県', 'Fukuoka'],
  ['佐賀県', 'Saga'],
  ['長崎県', 'Nagasaki'],
  ['熊本県', 'Kumamoto'],
  ['大分県', 'Oita'],
  ['宮崎県', 'Miyazaki'],
  ['鹿児島県', 'Kagoshima'],
  ['沖縄県', 'Okinawa'],
];

const WORDS = ['地域', '市民', '協働', 'ボランティア', '自治会', '子育て', '防災', '福祉', '環境', '交流', '文化', '健康', '教育', '商店街', 'NPO', '公民館'];
const ACTIONS = ['推進', '支援', '充実', '促進', '育成', '連携', '活性化', '情報発信'];
const DEPARTMENTS = ['企画部', '市民生活部', '福祉部', '教育委員会', '環境部', '総務部'];
/** What a plan calls each level of its measures, top first: one kind of tier per level, as the seeds' guards ask. */
const TIERS = ['基本目標', '施策', '取組'];

/** mulberry32: a small, fast, seeded generator; simulations and workloads need repeatability, not quality. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` distinct valid codes spread over the 47 prefectures: prefecture, a three-digit number from
 * 201 (cities; towns and villages share the scheme), and the check digit; none of `taken`.
 */
export function simulatedCodes(count: number, taken: ReadonlySet<string> = new Set()): { code: string; prefecture: number }[] {
  const codes: { code: string; prefecture: number }[] = [];
  for (let number = 201; codes.length < count; number += 1) {
    if (number > 999) throw new Error(`cannot make ${count} codes`);
    for (let prefecture = 1; prefecture <= PREFECTURES.length && codes.length < count; prefecture += 1) {
      const five = `${String(prefecture).padStart(2, '0')}${number}`;
      const code = `${five}${checkDigitOf(five)}`;
      if (!taken.has(code)) codes.push({ code, prefecture });
    }
  }
  return codes;
}

/** The record types a simulated plan holds: the plan and every practice whose only required reference is its plan. */
function simulatedTypes(): { plan: RecordType; practices: RecordType[] } {
  const plan = RECORD_TYPES.find((type) => type.section === 'plans');
  if (!plan) throw new Error('no plan record type is declared');
  const practices = RECORD_TYPES.filter(
    (type) => type.practice && type.references.every((reference) => reference.name === 'plan' || reference.nullable || reference.target() === type.target),
  );
  return { plan, practices };
}

interface Sentence {
  section: string;
  text: string;
}

/** Values for a record's declared fields, by kind: the first text is its title, which its quote contains. */
function fieldsOf(type: RecordType, title: string, random: () => number, pick: <T>(list: readonly T[]) => T): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  let titled = false;
  for (const field of type.fields) {
    if (field.nullable && field.kind !== 'texts' && random() < 0.5) continue;
    switch (field.kind) {
      case 'text':
        values[field.name] = titled ? `${pick(WORDS)}と${pick(WORDS)}の${pick(ACTIONS)}を図ります` : title;
        titled = true;
        break;
      case 'texts':
        values[field.name] = [pick(DEPARTMENTS)];
        break;
      case 'int':
        values[field.name] = field.name === 'periodStart' || field.name === 'periodEnd' ? 2024 + (field.name === 'periodEnd' ? 4 : 0) : 1;
        break;
      case 'float':
        values[field.name] = Math.round(random() * 1000) / 10;
        break;
      case 'enum':
        values[field.name] = pick(field.values ?? []);
        break;
      case 'numbering':
        values[field.name] = String(1 + Math.floor(random() * 9));
        break;
      case 'date':
        values[field.name] = '2024-03';
        break;
    }
  }
  return values;
}

/**
 * One municipality's plan document: a plan and 49–299 practices (mostly measures, in a hierarchy of
 * three levels), each mapped to one concept of its dimension and quoting its own sentence.
 */
function simulatedDocument(code: string, nameEn: string, concepts: readonly ConceptSeed[], random: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const { plan, practices } = simulatedTypes();
  const documentId = `sim-${code}`;
  const sentences: Sentence[] = [];
  const cite = (section: string, text: string) => {
    sentences.push({ section, text });
    return { section, quote: text };
  };
  // A realistic spread: most plans are short, a few long (50–300 records, squared uniform).
  const recordCount = 50 + Math.floor(250 * random() ** 2);
  const planId = `${documentId}.plan`;
  const planTitle = `${nameEn}市協働のまちづくり指針`;
  const sections: Record<string, SeedRecord[]> = Object.fromEntries(RECORD_TYPES.map((type) => [type.section, []]));
  sections[plan.section] = [{ id: planId, source: cite('表紙', `${planTitle}を定めます。`), ...fieldsOf(plan, planTitle, random, pick), kind: '指針' }];
  // The paged list (measures) carries most records, as in the mission cities' plans.
  const weights = practices.map((type) => (type.list?.paged ? 12 : 1.5));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  for (const [index, type] of practices.entries()) {
    const share = Math.max(1, Math.round(((recordCount - 1) * weights[index]!) / total));
    const own = concepts.filter((concept) => concept.dimension === type.dimension);
    const self = type.references.find((reference) => reference.target() === type.target);
    const levels = type.fields.some((field) => field.name === 'level');
    const records: SeedRecord[] = [];
    for (let n = 1; n <= share; n += 1) {
      const title = `${pick(WORDS)}${pick(WORDS)}の${pick(ACTIONS)}`;
      const section = `第${1 + (n % 5)}章 ${type.name}`;
      const record: SeedRecord = {
        id: `${planId}.${type.key}.${n}`,
        source: cite(section, `${n}. ${title}に取り組みます。`),
        plan: planId,
        concepts: [pick(own).id],
        ...fieldsOf(type, title, random, pick),
      };
      if (self && levels) {
        // A tenth at the top, then each record under one of the level above.
        const level = n <= Math.max(1, share / 10) ? 1 : n <= Math.max(2, share * 0.4) ? 2 : 3;
        const parents = records.filter((other) => other.level === level - 1);
        record.level = level;
        record[self.name] = level === 1 ? null : pick(parents).id;
        if (type.fields.some((field) => field.name === 'levelName')) record.levelName = TIERS[level - 1];
      }
      records.push(record);
    }
    sections[type.section] = records;
  }
  // The source text: the plan's sentences by section, each section with its heading.
  let text = '';
  let heading = '';
  for (const sentence of sentences) {
    if (sentence.section !== heading) text += `\n${(heading = sentence.section)}\n`;
    text += `${sentence.text}\n`;
  }
  const document = { document: documentId, municipality: code, sections };
  const records = Object.values(sections).flat();
  return { document, text, recordCount: records.length, concepts: [...new Set(records.flatMap((record) => record.concepts ?? []))].sort() };
}

export interface SimulationOptions {
  municipalities: number;
  /** The same seed gives the same country. */
  seed?: number;
  /** Seeds folder whose taxonomy the records map to (and whose registered codes are not reused). */
  seeds: string;
  sources: string;
  /** Check every document against the seed file schema (slower at national scale). */
  validate?: boolean;
}

/** Generates the simulated municipalities. */
export function simulateCountry(options: SimulationOptions): SimulatedMunicipality[] {
  const check = checkSeeds({ seeds: options.seeds, sources: options.sources }, []);
  const random = seededRandom(options.seed ?? 14);
  const taken = new Set(check.municipalities.map((municipality) => municipality.code));
  return simulatedCodes(options.municipalities, taken).map(({ code, prefecture }, index) => {
    const [prefectureJa, prefectureEn] = PREFECTURES[prefecture - 1]!;
    const nameEn = `Sim-${code}`;
    const generated = simulatedDocument(code, nameEn, check.concepts, random);
    // Checked as a seed file would be: the file's shape is the document's id, municipality and sections.
    const { sections, ...header } = generated.document;
    const document = options.validate ? documentFileSchema.parse({ ...header, ...sections }) : generated.document;
    return {
      code,
      name: `模擬市${index + 1}`,
      nameEn,
      prefecture: prefectureJa,
      prefectureEn,
      document,
      text: generated.text,
      recordCount: generated.recordCount,
      concepts: generated.concepts,
      source: {
        id: document.document,
        title: `${nameEn}市協働のまちづくり指針（模擬）`,
        publisher: `模擬市${index + 1}`,
        publishedOn: '2024-03',
        extraction: 'generated by the national simulation',
        municipality: code,
        sha256: createHash('sha256').update(generated.text).digest('hex'),
      },
    };
  });
}

/** A record type's rows as its table's columns (column name → value), from the seed-shaped records. */
export function tableRowsOf(municipality: SimulatedMunicipality): Map<RecordType, Record<string, unknown>[]> {
  const rows = new Map<RecordType, Record<string, unknown>[]>();
  let position = 0;
  for (const type of RECORD_TYPES) {
    const records = municipality.document.sections[type.section] ?? [];
    if (!records.length) continue;
    const columnOf = columnsOf(type);
    rows.set(
      type,
      records.map((record) => {
        const row = rowOf(type, record, position++, municipality.document.document);
        return Object.fromEntries(Object.entries(row).map(([property, value]) => [columnOf(property), value]));
      }),
    );
  }
  return rows;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Property → column of a record type: its declared fields and references, and the shared columns in snake case. */
function columnsOf(type: RecordType): (property: string) => string {
  const declared = new Map<string, string>([
    ...type.fields.map((field) => [field.property, field.column] as const),
    ...type.references.map((reference) => [reference.property, reference.column] as const),
  ]);
  return (property) => declared.get(property) ?? snakeCase(property);
}

/**
 * A seeds folder for a federation that serves the simulated country beside the real cities: the
 * real seeds (linked), a registry that adds the simulated municipalities (hosted, since no city
 * configuration names them), and their source texts, so that every citation opens its source page.
 * With `seedFiles`, each municipality's document is a seed file too (documents/<document>.yaml),
 * which the hosted subgraph imports at its start as any seed file, each record with its revision 1,
 * rather than loadCountry's rows written in bulk (faster, but with no history to edit from).
 */
export function writeSeedsFolder(
  folder: string,
  realSeeds: string,
  realSources: string,
  municipalities: readonly SimulatedMunicipality[],
  { seedFiles = false }: { seedFiles?: boolean } = {},
): { seeds: string; sources: string } {
  const sources = path.join(folder, 'sources');
  const own = ['hub', 'sources', ...(seedFiles ? ['documents'] : [])];
  for (const directory of own) mkdirSync(path.join(folder, directory), { recursive: true });
  for (const entry of readdirSync(realSeeds)) {
    if (!own.includes(entry)) symlinkSync(path.join(realSeeds, entry), path.join(folder, entry));
  }
  if (seedFiles) {
    for (const entry of readdirSync(path.join(realSeeds, 'documents')))
      symlinkSync(path.join(realSeeds, 'documents', entry), path.join(folder, 'documents', entry));
  }
  for (const entry of readdirSync(path.join(realSeeds, 'hub'))) {
    if (entry !== 'municipalities.yaml') symlinkSync(path.join(realSeeds, 'hub', entry), path.join(folder, 'hub', entry));
  }
  for (const entry of readdirSync(realSources)) symlinkSync(path.join(realSources, entry), path.join(sources, entry));
  const registry = readFileSync(path.join(realSeeds, 'hub', 'municipalities.yaml'), 'utf8');
  const simulated = municipalities.map(({ code, name, nameEn, prefecture, prefectureEn }) => ({ code, name, nameEn, prefecture, prefectureEn }));
  writeFileSync(path.join(folder, 'hub', 'municipalities.yaml'), `${registry.trimEnd()}\n${YAML.stringify(simulated)}`);
  for (const municipality of municipalities) {
    const { id, ...description } = municipality.source;
    writeFileSync(path.join(sources, `${id}.txt`), municipality.text);
    writeFileSync(path.join(sources, `${id}.yaml`), YAML.stringify(description));
    if (seedFiles) {
      const { document, municipality: code, sections } = municipality.document;
      writeFileSync(path.join(folder, 'documents', `${document}.yaml`), YAML.stringify({ document, municipality: code, ...sections }));
    }
  }
  return { seeds: folder, sources };
}

/** Rows per INSERT: one JSON parameter each, well under PostgreSQL's limits and the server's memory. */
const ROWS_PER_STATEMENT = 5000;

/**
 * Loads the simulated municipalities into a running federation's database: the hosted subgraph's
 * tables (its schema `hosted`) with multi-row inserts of JSON rows (jsonb_populate_recordset, one
 * parameter per few thousand rows), its tenants, and the concepts each mentions into the hub's
 * registry, whose rows the hub made from the registry file. Then ANALYZE, so the planner knows the
 * partitions' sizes. Returns the number of records.
 */
export async function loadCountry(databaseUrl: string, municipalities: readonly SimulatedMunicipality[], hosted = 'hosted', hub = 'hub'): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const byType = new Map<RecordType, Record<string, unknown>[]>();
    for (const municipality of municipalities) {
      for (const [type, rows] of tableRowsOf(municipality)) {
        const all = byType.get(type) ?? [];
        for (const row of rows) all.push({ ...row, municipality: municipality.code });
        byType.set(type, all);
      }
    }
    await client.query('BEGIN');
    const insert = async (table: string, rows: readonly Record<string, unknown>[]) => {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        await client.query(`INSERT INTO "${hosted}"."${table}" SELECT * FROM jsonb_populate_recordset(NULL::"${hosted}"."${table}", $1::jsonb)`, [
          JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT)),
        ]);
      }
    };
    let records = 0;
    for (const [type, rows] of byType) {
      await insert(type.table, rows);
      records += rows.length;
    }
    await insert(
      'source_document',
      municipalities.map(({ code, source }) => ({
        municipality: code,
        id: source.id,
        title: source.title,
        publisher: source.publisher,
        published_on: source.publishedOn,
        extraction: source.extraction,
        note: source.note ?? null,
        sha256: source.sha256,
      })),
    );
    const codes = municipalities.map((municipality) => municipality.code);
    await client.query(`INSERT INTO "${hosted}".municipality (code) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [codes]);
    await client.query(
      `UPDATE "${hub}".municipality AS registry SET concepts = mentioned.concepts
       FROM jsonb_to_recordset($1::jsonb) AS mentioned(code text, concepts text[]) WHERE registry.code = mentioned.code`,
      [JSON.stringify(municipalities.map(({ code, concepts }) => ({ code, concepts })))],
    );
    await client.query('COMMIT');
    await client.query(`ANALYZE`);
    return records;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
