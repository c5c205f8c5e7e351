import { Column, Entity } from 'typeorm';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import type { ClassType } from '../class-type';

/**
 * One declaration per record type. A record class carries its fields' decorators from this module
 * and nothing else; from them the kit derives the TypeORM columns, the GraphQL fields, the seed
 * file schema, the import mapping, the searchable text, the relations' resolvers and loaders, the
 * city's list fields with their filters, the export columns and the data dictionary.
 */

export type FieldKind = 'text' | 'int' | 'float' | 'texts' | 'enum' | 'numbering' | 'date';

/** Declaration order across a class's fields and references (exports list columns in it). */
let ordinal = 0;

export interface FieldSpec {
  ordinal: number;
  /** The class property, e.g. `levelName`. */
  property: string;
  /** The SQL column, e.g. `level_name`. */
  column: string;
  /** The key in a seed file, and the name of the field in GraphQL and in exports. */
  name: string;
  kind: FieldKind;
  nullable: boolean;
  description: string;
  /** Part of the record's searchable words (in declaration order: titles first rank higher). */
  search: boolean;
  /** Served as a GraphQL field (a plain value); false for internal columns. */
  graphql: boolean;
  /** The enum's values, for seeds and the data dictionary. */
  values?: readonly string[];
  seed: z.ZodType;
  /** Its GraphQL type, which the edit inputs reuse. */
  graphqlType: () => unknown;
}

export interface ReferenceSpec {
  ordinal: number;
  /** The list (or single record) of these records that the referenced type serves, e.g. Plan.stages. */
  inverse?: { name: string; description: string; single?: boolean };
  property: string;
  column: string;
  /** Seed key and GraphQL field: `plan`, `parent`, `reviewedIn`. */
  name: string;
  target: () => ClassType;
  nullable: boolean;
  description: string;
}

export interface ChildrenSpec {
  /** GraphQL field: `children`, `fields`. */
  name: string;
  /** At most one: the field is the record or null, not a list. */
  single: boolean;
  target: () => ClassType;
  /** The child's reference (its `name`) that points back here. */
  via: string;
  description: string;
}

export interface FilterSpec {
  /** GraphQL argument. */
  name: string;
  type: 'int' | 'id' | 'text';
  column: string;
  /** Equality, or membership in an array column. */
  match: 'equals' | 'contains';
  description: string;
}

export interface ListSpec {
  /** The city field that lists the records: `principles`, `measures`. */
  field: string;
  description: string;
  /** A Relay connection with `first`/`after` instead of a plain list. */
  paged?: boolean;
  filters?: FilterSpec[];
  /** An SQL expression to sort by (ascending, nulls last) before document order; the table is aliased `record`. */
  order?: string;
}

export interface RecordTypeOptions {
  /** GraphQL type name. */
  name: string;
  table: string;
  /** Seed section and export dimension: `measures`. */
  section: string;
  /** Infix of record ids (`<plan>.<key>.<local>`) and, for practices, the concept dimension. */
  key: string;
  description: string;
  /** A city-level list of these records; absent when they are reached only through a parent. */
  list?: ListSpec;
  /** Extra checks a seed record of this type must pass (beyond types, references and quotes). */
  check?: (record: Record<string, unknown>, lookup: SeedLookup) => string[];
  /** For practices: the concept dimension its records map to, when not its own key (cases → measure). */
  conceptDimension?: string;
  /** Few per city: a request reads them all at once and serves every lookup from that read. */
  readAllAtOnce?: boolean;
  /** Import order among siblings, e.g. parents before children. */
  importOrder?: (a: Record<string, unknown>, b: Record<string, unknown>) => number;
}

/** What a record-specific seed check may look up in the same document. */
export interface SeedLookup {
  byId(section: string, id: string): Record<string, unknown> | undefined;
}

export interface RecordType extends RecordTypeOptions {
  /** The taxonomy dimension its concepts belong to (practices only). */
  dimension: string;
  target: ClassType;
  fields: FieldSpec[];
  references: ReferenceSpec[];
  children: ChildrenSpec[];
  /** Maps to concepts of the taxonomy (principles, forms, organizations, measures). */
  practice: boolean;
}

interface ClassSpecs {
  fields: FieldSpec[];
  references: ReferenceSpec[];
  children: ChildrenSpec[];
}

// Keyed by constructor; a property decorator reaches it as `prototype.constructor`.
const specsByClass = new Map<object, ClassSpecs>();
const recordTypes: RecordType[] = [];

function specsOf(target: object): ClassSpecs {
  let specs = specsByClass.get(target);
  if (!specs) {
    specs = { fields: [], references: [], children: [] };
    specsByClass.set(target, specs);
  }
  return specs;
}

/** Own and inherited declarations, base classes first. */
function collect(target: ClassType): ClassSpecs {
  const chain: object[] = [];
  // A class's prototype chain runs through its base classes to Function.prototype.
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    chain.unshift(current);
  }
  const all: ClassSpecs = { fields: [], references: [], children: [] };
  for (const link of chain) {
    const specs = specsByClass.get(link);
    if (!specs) continue;
    all.fields.push(...specs.fields);
    all.references.push(...specs.references);
    all.children.push(...specs.children);
  }
  return all;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const text = z.string().trim().min(1);

export interface ValueOptions {
  description: string;
  nullable?: boolean;
  /** Searchable words (default: true for text, false otherwise). */
  search?: boolean;
  /** GraphQL and seed name when it differs from the property. */
  name?: string;
}

interface IntOptions extends ValueOptions {
  min?: number;
  max?: number;
}

function value(kind: FieldKind, options: ValueOptions & { seed: z.ZodType; graphqlType: () => unknown; values?: readonly string[] }) {
  return (prototype: object, property: string) => {
    const nullable = options.nullable ?? false;
    const column = snakeCase(property);
    const sqlType: 'int' | 'double precision' | 'text' = kind === 'int' ? 'int' : kind === 'float' ? 'double precision' : 'text';
    Column({ type: sqlType, name: column, nullable, array: kind === 'texts' })(prototype, property);
    Field(options.graphqlType as () => StringConstructor, { nullable, description: options.description, name: options.name })(prototype, property);
    specsOf(prototype.constructor).fields.push({
      ordinal: ordinal++,
      property,
      column,
      name: options.name ?? property,
      kind,
      nullable,
      description: options.description,
      search: options.search ?? (kind === 'text' || kind === 'texts'),
      graphql: true,
      values: options.values,
      seed: nullable ? options.seed.nullish() : options.seed,
      graphqlType: options.graphqlType,
    });
  };
}

/** A text in the document's words. */
export const textField = (options: ValueOptions) => value('text', { ...options, seed: text, graphqlType: () => String });

/** A list of texts (`[]` when a seed omits it). */
export const textsField = (options: ValueOptions) =>
  value('texts', { ...options, nullable: false, seed: z.array(text).default([]), graphqlType: () => [String] });

/** Numbering as printed: `1`, `(2)`, `ア`; a seed may write a number. */
export const numberingField = (options: ValueOptions) =>
  value('numbering', {
    ...options,
    nullable: true,
    search: false,
    seed: z.union([z.string(), z.number()]).transform(String),
    graphqlType: () => String,
  });

/** A date as precise as the document gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
export const dateField = (options: ValueOptions) =>
  value('date', {
    ...options,
    search: false,
    seed: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as precise as given: YYYY, YYYY-MM or YYYY-MM-DD')),
    graphqlType: () => String,
  });

export const intField = ({ min, max, ...options }: IntOptions) => {
  let seed = z.number().int();
  if (min !== undefined) seed = seed.min(min);
  if (max !== undefined) seed = seed.max(max);
  return value('int', { ...options, search: false, seed, graphqlType: () => Int });
};

export const floatField = (options: ValueOptions) => value('float', { ...options, search: false, seed: z.number(), graphqlType: () => Float });

/** A value of a registered GraphQL enum (stored as its value, e.g. `under-study`). */
export const enumField = <E extends Record<string, string>>(enumObject: E, options: ValueOptions) =>
  value('enum', {
    ...options,
    search: false,
    seed: z.enum(Object.values(enumObject) as [string, ...string[]]),
    graphqlType: () => enumObject,
    values: Object.values(enumObject),
  });

/**
 * A reference to another record by id: stored as `<name>_id`, written `<name>: <id>` in seeds,
 * served as the record itself (record.resolver.ts, through a per-request loader) and exported as `<name>_id`.
 */
export const reference =
  (
    target: () => ClassType,
    options: { name: string; description: string; nullable?: boolean; column?: string; inverse?: { name: string; description: string; single?: boolean } },
  ) =>
  (prototype: object, property: string) => {
    const column = options.column ?? `${snakeCase(options.name)}_id`;
    Column('text', { name: column, nullable: options.nullable ?? false })(prototype, property);
    specsOf(prototype.constructor).references.push({
      ordinal: ordinal++,
      property,
      column,
      name: options.name,
      target,
      nullable: options.nullable ?? false,
      description: options.description,
      inverse: options.inverse,
    });
  };

/** The records of another type that reference this one (`children`, a plan's `fields`). */
export const children =
  (target: () => ClassType, options: { name: string; via: string; description: string; single?: boolean }) => (constructor: ClassType) => {
    specsOf(constructor).children.push({ ...options, single: options.single ?? false, target });
  };

/** Registers a record type: its table, its GraphQL type and everything derived from its fields. */
export function recordType(options: RecordTypeOptions & { implements: ClassType | ClassType[]; practice?: boolean }) {
  return (target: ClassType) => {
    Entity(options.table)(target);
    ObjectType(options.name, { implements: options.implements, description: options.description })(target);
    // Several city subgraphs serve the same record types.
    Directive('@shareable')(target);
    const { fields, references, children: childSpecs } = collect(target);
    recordTypes.push({
      ...options,
      target,
      fields,
      references,
      children: childSpecs,
      practice: options.practice ?? false,
      dimension: options.conceptDimension ?? options.key,
    });
  };
}

/** Every declared record type, in declaration order (the order of the seed sections). */
export function declaredRecordTypes(): readonly RecordType[] {
  return recordTypes;
}

/** The GraphQL type of a stored record, for the interfaces it implements (Cited, Practice). */
export function recordTypeNameOf(record: object): string | undefined {
  return recordTypes.find((type) => type.target === record.constructor)?.name;
}
