import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Taxonomy } from '../city/taxonomy';
import type { RecordType } from '../records/declare';
import { RECORD_TYPES, recordTypeOf } from '../records/registry';
import type { Database } from '../database/data-source';
import { dataDirectory, faultPauseApplyAt, seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkRetired } from '../seeds/retired';
import { recordId, recordShapeOf } from '../seeds/document-file';
import { normalizeQuote } from '../seeds/normalize';
import { searchTextOf } from '../seeds/searchable-text';
import { SourceDocument } from '../seeds/source-document.entity';
import { insertAs } from '../hosted/hosted-tables';
import type { EditorClaims } from '../subgraph/gateway-auth';
import type { DataGeneration } from './data-generation';
import { memberNameOf } from './edit-inputs';
import { badInput, conflict } from './edit-errors';
import { type RecordValues, changesBetween, columnsOf, valuesOfRow } from './record-values';
import { appendRevisions, type ChainOf, lockRevisions } from './revision-chain';
import { type Revision, RevisionRow, revisionOf } from './revision.type';

/** One change of an `apply`, as the inputs give it (exactly one member set). */
export interface EditChange {
  create?: Record<string, unknown> | null;
  revise?: { id: string; expectedVersion: number; patch: Record<string, unknown> } | null;
  retire?: { id: string; expectedVersion: number } | null;
}

export interface Committed {
  record: ObjectLiteral;
  revision: Revision;
}

interface SourceInputValue {
  document?: string | null;
  quote?: string | null;
  section?: string | null;
  page?: number | null;
  url?: string | null;
}

const MAX_MESSAGE = 2000;

/** What every editor of a subgraph shares, whichever municipality it is bound to. */
export interface EditingSetup {
  dataSource: DataSource;
  taxonomy: Taxonomy;
  /** Ids published once and retired in the seeds (seeds/retired.yaml): never reused. */
  retiredIds: ReadonlySet<string>;
  /** Told the last revision id after each commit (the data generation). */
  committed: (lastRevisionId: number) => void;
  /**
   * Whether the tables hold many municipalities, each row marked with its code (the hosted
   * subgraph's), rather than one (a self-run city's): every statement then names the municipality.
   */
  shared: boolean;
}

/** What a subgraph's editors share: its database, the concept scheme, the ids retired in the seeds and the data generation they move. */
export function editingSetup(database: Database, taxonomy: Taxonomy, generation: DataGeneration, shared: boolean): EditingSetup {
  const retiredIds = new Set(checkRetired(seedsDirectory, new Set(), new Set()).retired.map((retired) => retired.id));
  return { dataSource: database.dataSource, taxonomy, retiredIds, committed: generation.committed, shared };
}

/** Source texts by document id, normalised for quote checks: files of the process's sources folder, read once. */
const sourceTexts = new Map<string, string>();

/**
 * Every write of one municipality's records, a self-run city's or a hosted municipality's (an
 * editor bound to it per request). One `apply` is one transaction: it takes the municipality's
 * revision lock, checks each change against what is stored (versions, references, concepts, quotes,
 * the type's own checks), writes the rows with `UPDATE … WHERE version = expected` and appends one
 * revision per change to its hash chain. Any refusal rolls the whole transaction back.
 */
export class RecordEditor {
  /** In shared tables, the code that marks this municipality's rows and names its revision chain; none in a city's own. */
  private readonly tenant: ChainOf;

  constructor(
    private readonly setup: EditingSetup,
    /** `name` starts the ids it makes for records outside a plan, and names it in messages. */
    private readonly municipality: { code: string; name: string },
  ) {
    this.tenant = setup.shared ? municipality.code : undefined;
  }

  async apply(editor: EditorClaims, changes: readonly EditChange[], message: string): Promise<Committed[]> {
    const reason = message.trim();
    if (reason === '') throw badInput('message', 'say why the change is made (it is kept in the history)');
    if (reason.length > MAX_MESSAGE) throw badInput('message', `at most ${MAX_MESSAGE} characters`);
    if (changes.length === 0) throw badInput('changes', 'give at least one change');
    const results = await this.setup.dataSource.transaction(async (manager) => {
      if (this.tenant) await insertAs(manager, this.tenant);
      await lockRevisions(manager, this.tenant);
      const done: { record: ObjectLiteral; type: RecordType; version: number; changes: ReturnType<typeof changesBetween> }[] = [];
      for (const [index, change] of changes.entries()) {
        const at = changes.length > 1 ? `changes[${index}].` : '';
        const members = Object.entries(change).filter(([, value]) => value != null);
        if (members.length !== 1) throw badInput(`${at || 'changes[0].'}`.slice(0, -1), 'set exactly one of create, revise, retire');
        const [kind, value] = members[0] as [string, unknown];
        if (faultPauseApplyAt !== undefined && [change.revise?.id, change.retire?.id].includes(faultPauseApplyAt)) await pauseForever(faultPauseApplyAt);
        if (kind === 'create') done.push(await this.create(manager, value as Record<string, unknown>, `${at}input`, editor));
        else if (kind === 'revise') {
          const revise = value as NonNullable<EditChange['revise']>;
          done.push(await this.revise(manager, revise.id, revise.expectedVersion, revise.patch, `${at}patch`));
        } else {
          const retire = value as NonNullable<EditChange['retire']>;
          done.push(await this.retire(manager, retire.id, retire.expectedVersion, `${at}id`));
        }
      }
      const revisions = await appendRevisions(
        manager,
        done.map((change) => ({
          recordId: String(change.record.id),
          recordType: change.type.name,
          version: change.version,
          author: editor.author,
          municipality: editor.municipality,
          credentialId: editor.credentialId,
          message: reason,
          changes: change.changes,
        })),
        this.tenant,
      );
      return done.map((change, index) => ({ record: change.record, revision: revisions[index]! }));
    });
    this.setup.committed(Math.max(...results.map(({ revision }) => revision.id)));
    return results.map(({ record, revision }) => ({ record, revision: revisionOf(revision) }));
  }

  private async create(manager: EntityManager, input: Record<string, unknown>, field: string, editor: EditorClaims) {
    const { type, values: given } = oneMember(input, field);
    const at = `${field}.${memberNameOf(type)}`;
    const { id: requestedId, source, ...rest } = given as { id?: string | null; source: SourceInputValue } & RecordValues;
    const citation = await this.citation(manager, source, `${at}.source`, editor);
    const values: RecordValues = { ...rest, ...citation.values };
    for (const reference of type.references) values[reference.name] ??= null;
    await this.check(manager, type, values, at);
    const plan = typeof values.plan === 'string' ? values.plan : undefined;
    const prefix = plan ? `${plan}.${type.key}.` : `${this.municipality.name}-${type.key}-`;
    const id = requestedId ?? `${prefix}${randomBytes(4).toString('hex')}`;
    if (!recordId.safeParse(id).success) throw badInput(`${at}.id`, 'use lower-case ASCII words joined by "." or "-"');
    if (plan && !id.startsWith(prefix)) throw badInput(`${at}.id`, `an id under plan ${plan} starts with "${prefix}"`);
    // Reads by id assume an id names one record in all the tables' municipalities: two that create one id at once take turns.
    if (this.tenant) await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`record id ${id}`]);
    if (this.setup.retiredIds.has(id) || (await manager.getRepository(RevisionRow).existsBy({ recordId: id }))) {
      throw badInput(`${at}.id`, `${id} is or was already a record: ids are never reused, choose another or leave id out`);
    }
    const [{ next }] = (await this.own<ObjectLiteral>(manager, type.target).select('coalesce(max(record.position), -1) + 1', 'next').getRawMany()) as [
      { next: number },
    ];
    const row: ObjectLiteral = {
      ...columnsOf(type, values),
      id,
      position: Number(next),
      hubReadings: [],
      version: 1,
      retiredAt: null,
      ...citation.columns,
    };
    row.searchText = searchTextOf(type, row);
    await manager.createQueryBuilder().insert().into(type.target).values(row).execute();
    const record = await this.stored(manager, type, id);
    return { record, type, version: 1, changes: changesBetween(type, null, valuesOfRow(type, record)) };
  }

  private async revise(manager: EntityManager, id: string, expectedVersion: number, patch: Record<string, unknown>, field: string) {
    const { type, values: given } = oneMember(patch, field);
    const at = `${field}.${memberNameOf(type)}`;
    const current = await this.current(manager, id, expectedVersion, type, at);
    const before = valuesOfRow(type, current);
    const { source, ...rest } = given as { source?: SourceInputValue | null } & RecordValues;
    if ('plan' in rest && rest.plan !== before.plan) throw badInput(`${at}.plan`, 'a record stays in its plan: retire it and create it under the other plan');
    const citation = source == null ? undefined : await this.citation(manager, source, `${at}.source`);
    const after: RecordValues = { ...before, ...rest, ...citation?.values };
    await this.check(manager, type, after, at);
    const changes = changesBetween(type, before, after);
    if (changes.length === 0) throw badInput(at, `the patch changes nothing in ${id}`);
    const row: ObjectLiteral = { ...columnsOf(type, after), ...citation?.columns };
    row.searchText = searchTextOf(type, { ...current, ...row });
    await this.update(manager, type, id, expectedVersion, row);
    return { record: await this.stored(manager, type, id), type, version: expectedVersion + 1, changes };
  }

  private async retire(manager: EntityManager, id: string, expectedVersion: number, field: string) {
    const type = await this.typeOf(manager, id, field);
    await this.current(manager, id, expectedVersion, type, field);
    // A live record that points here would point at nothing a list shows.
    for (const other of RECORD_TYPES) {
      for (const reference of other.references.filter((candidate) => recordTypeOf(candidate.target()) === type)) {
        const pointing = await this.own<ObjectLiteral>(manager, other.target)
          .select('record.id', 'id')
          .andWhere(`record.${reference.column} = :id AND record.retired_at IS NULL`, { id })
          .orderBy('record.position')
          .limit(5)
          .getRawMany<{ id: string }>();
        if (pointing.length > 0) {
          throw badInput(field, `${id} is the ${reference.name} of live records (${pointing.map((row) => row.id).join(', ')}…): retire or revise them first`);
        }
      }
    }
    const retiredAt = new Date().toISOString();
    await this.update(manager, type, id, expectedVersion, { retiredAt });
    const record = await this.stored(manager, type, id);
    return { record, type, version: expectedVersion + 1, changes: [{ field: 'retiredAt', before: null, after: retiredAt }] };
  }

  /** The stored record at the expected version, locked for this transaction; CONFLICT or BAD_USER_INPUT otherwise. */
  private async current(manager: EntityManager, id: string, expectedVersion: number, type: RecordType, field: string): Promise<ObjectLiteral> {
    const record = await this.own<ObjectLiteral>(manager, type.target).setLock('pessimistic_write').andWhere('record.id = :id', { id }).getOne();
    if (!record) {
      const actual = await this.typeOf(manager, id, 'id');
      throw badInput(field, `${id} is a ${actual.name}: set ${field.replace(/\.[^.]*$/, '')}.${memberNameOf(actual)} instead`);
    }
    if (record.version !== expectedVersion) throw conflict(id, expectedVersion, await this.lastChange(manager, id, Number(record.version)));
    if (record.retiredAt) throw badInput('id', `${id} was retired at ${String(record.retiredAt)}: it can no longer change`);
    return record;
  }

  /** UPDATE … WHERE version = expected: the write itself refuses a stale version, whatever was read before. */
  private async update(manager: EntityManager, type: RecordType, id: string, expectedVersion: number, row: ObjectLiteral) {
    const update = manager
      .createQueryBuilder()
      .update(type.target)
      .set({ ...row, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion });
    if (this.tenant) update.andWhere('municipality = :municipality', { municipality: this.tenant });
    const result = await update.execute();
    if (result.affected !== 1) throw conflict(id, expectedVersion, await this.lastChange(manager, id, Number((await this.stored(manager, type, id)).version)));
  }

  private async lastChange(manager: EntityManager, id: string, version: number) {
    const last = await this.own(manager, RevisionRow).andWhere('record.record_id = :id', { id }).orderBy('record.id', 'DESC').getOne();
    return { version, changedBy: last?.author ?? null, changedAt: last?.at.toISOString() ?? null };
  }

  /** The type of a record of this municipality, from its first revision (every record has one). */
  private async typeOf(manager: EntityManager, id: string, field: string): Promise<RecordType> {
    const first = await this.own(manager, RevisionRow).andWhere('record.record_id = :id', { id }).orderBy('record.id', 'ASC').getOne();
    const type = RECORD_TYPES.find((candidate) => candidate.name === first?.recordType);
    if (!type) throw badInput(field, `no record ${id} in ${this.municipality.name}: check the id (an editor changes only its own municipality’s records)`);
    return type;
  }

  /** The type's value rules (as the seeds'), its references (live records of this municipality), its concepts (of its dimension) and its own check. */
  private async check(manager: EntityManager, type: RecordType, values: RecordValues, at: string) {
    const shape = recordShapeOf(type);
    for (const [name, schema] of Object.entries(shape)) {
      const result = schema.safeParse(values[name]);
      if (!result.success) throw badInput(`${at}.${name}`, `${result.error.issues.map((issue) => issue.message).join('; ')}`);
      values[name] = result.data;
    }
    const referenced = new Map<string, Record<string, unknown>>();
    for (const reference of type.references) {
      const id = values[reference.name];
      if (typeof id !== 'string') continue;
      const target = recordTypeOf(reference.target());
      const row = await this.own<ObjectLiteral>(manager, target.target).andWhere('record.id = :id', { id }).getOne();
      if (!row) throw badInput(`${at}.${reference.name}`, `no ${target.name} ${id} in ${this.municipality.name}: give the id of one of its ${target.section}`);
      if (row.retiredAt) throw badInput(`${at}.${reference.name}`, `${target.name} ${id} is retired: refer to a live one`);
      referenced.set(`${target.section}\n${id}`, { id, ...valuesOfRow(target, row) });
    }
    for (const [index, concept] of ((values.concepts as string[] | undefined) ?? []).entries()) {
      const dimension = this.setup.taxonomy.dimensionOf(concept);
      if (!dimension)
        throw badInput(
          `${at}.concepts[${index}]`,
          `unknown concept ${concept}: pick one of the ${type.dimension} concepts of the taxonomy (query concepts(dimension:))`,
        );
      if (dimension !== type.dimension)
        throw badInput(`${at}.concepts[${index}]`, `${concept} is a ${dimension} concept: a ${type.name} maps to ${type.dimension} concepts`);
    }
    const problems = type.check?.(values, { byId: (section, id) => referenced.get(`${section}\n${id}`) }) ?? [];
    if (problems.length > 0) throw badInput(at, `${problems.join('; ')}: correct the fields named`);
  }

  /** A citation: a document of this municipality with a verbatim quote, or (contributed) a URL. */
  private async citation(manager: EntityManager, source: SourceInputValue, at: string, editor?: EditorClaims) {
    const section = source.section?.trim() || null;
    const page = source.page ?? null;
    if (page !== null && page < 1) throw badInput(`${at}.page`, 'a page number is 1 or more');
    if (source.document) {
      if (source.url) throw badInput(`${at}.url`, 'cite either a document (with its quote) or a URL, not both');
      const document = await this.own(manager, SourceDocument).andWhere('record.id = :id', { id: source.document }).getOne();
      if (!document)
        throw badInput(`${at}.document`, `no source document ${source.document} in ${this.municipality.name}: cite one of its documents, or a URL`);
      const quote = source.quote?.trim();
      if (!quote) throw badInput(`${at}.quote`, 'quote the words of the document that support the record');
      if (!this.sourceText(document.id).includes(normalizeQuote(quote))) {
        throw badInput(`${at}.quote`, `not found verbatim in ${document.id} (width and whitespace do not matter): copy the words from the document`);
      }
      // The seed files need it, so that write-back gives files the seeds check accepts.
      if (!section) throw badInput(`${at}.section`, 'give the section path of the quote in the document, outer to inner, joined by " > "');
      return {
        values: { 'source.document': document.id, 'source.quote': quote, 'source.section': section, 'source.page': page },
        columns: { contributed: false, contributedBy: null, contributedOn: null },
      };
    }
    if (!source.url) throw badInput(at, 'cite a document of this municipality with a verbatim quote, or (a contributed record) a URL a reader can check');
    let url: URL;
    try {
      url = new URL(source.url);
    } catch {
      throw badInput(`${at}.url`, `not a URL: give the full http(s) address`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput(`${at}.url`, 'give an http(s) address a reader can open');
    return {
      values: { 'source.document': url.href, 'source.quote': source.quote?.trim() ?? '', 'source.section': section, 'source.page': page },
      columns: editor ? { contributed: true, contributedBy: editor.municipality, contributedOn: new Date().toISOString().slice(0, 10) } : { contributed: true },
    };
  }

  private sourceText(document: string): string {
    let text = sourceTexts.get(document);
    if (text === undefined) {
      text = normalizeQuote(readFileSync(path.join(sourcesDirectory, `${document}.txt`), 'utf8'));
      sourceTexts.set(document, text);
    }
    return text;
  }

  /** This municipality's rows of a table (alias `record`): a city's whole table, or those of shared tables marked with its code. */
  private own<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>): SelectQueryBuilder<T> {
    const query = manager.getRepository<T>(target).createQueryBuilder('record');
    return this.tenant ? query.where('record.municipality = :municipality', { municipality: this.tenant }) : query;
  }

  /** A record of this municipality as now stored (in this transaction). */
  private stored(manager: EntityManager, type: RecordType, id: string): Promise<ObjectLiteral> {
    return this.own<ObjectLiteral>(manager, type.target).andWhere('record.id = :id', { id }).getOneOrFail();
  }
}

/** The fault switch's pause: says so in <data folder>/fault-apply-paused (tests wait for it), then never returns, holding the transaction open. */
function pauseForever(id: string): Promise<never> {
  writeFileSync(path.join(dataDirectory, 'fault-apply-paused'), `apply paused before changing ${id}, uncommitted\n`);
  return new Promise<never>(() => setInterval(() => undefined, 60_000));
}

/** The one member set in a NewRecord or RecordPatch, and its record type. */
function oneMember(input: Record<string, unknown>, field: string): { type: RecordType; values: Record<string, unknown> } {
  const set = Object.entries(input).filter(([, value]) => value != null);
  if (set.length !== 1)
    throw badInput(field, `set exactly one member, the one of the record's type (got ${set.length === 0 ? 'none' : set.map(([name]) => name).join(', ')})`);
  const [member, values] = set[0]!;
  const type = RECORD_TYPES.find((candidate) => memberNameOf(candidate) === member)!;
  // Inputs arrive as class instances; only the fields the client sent are own properties.
  return { type, values: { ...(values as Record<string, unknown>) } };
}
