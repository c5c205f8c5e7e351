import { Field, ID, InputType, Int } from 'type-graphql';
import type { ClassType } from '../class-type';
import type { RecordType } from '../records/declare';
import { RECORD_TYPES } from '../records/registry';

/**
 * The inputs of the edits API, generated from the record declarations: per record type a
 * `New<Type>` (its writable fields, required ones non-null) and a `<Type>Patch` (the same, all
 * optional), and one-member-per-type unions of them (`NewRecord`, `RecordPatch`).
 */

@InputType({ description: 'What a record cites: a document with a verbatim quote, or (a contributed record) a URL.' })
export class SourceInput {
  @Field(() => ID, { nullable: true, description: 'A source document of this city (seeds/sources/<id>.txt); needs `quote`.' })
  document?: string | null;

  @Field(() => String, { nullable: true, description: 'Words of the document, found verbatim in its text (after NFKC, whitespace ignored).' })
  quote?: string | null;

  @Field(() => String, { nullable: true, description: 'Section path in the document, outer to inner, joined by " > ".' })
  section?: string | null;

  @Field(() => Int, { nullable: true, description: 'The page the quote is on.' })
  page?: number | null;

  @Field(() => String, { nullable: true, description: 'Without a document: the http(s) URL a contributed record cites.' })
  url?: string | null;
}

/** The member name of a record type in NewRecord and RecordPatch: its type name in lowerCamelCase. */
export const memberNameOf = (type: RecordType): string => type.name.charAt(0).toLowerCase() + type.name.slice(1);

function inputClass(name: string, description: string): ClassType {
  const input = class {};
  Object.defineProperty(input, 'name', { value: name });
  InputType(name, { description })(input);
  return input;
}

function addField(input: ClassType, name: string, type: () => unknown, nullable: boolean, description?: string) {
  Field(type as () => StringConstructor, { nullable, description })(input.prototype as object, name);
}

/** A record type's writable fields: references, declared fields, concepts and source; `optional` makes them all optional (a patch). */
function addRecordFields(input: ClassType, type: RecordType, optional: boolean) {
  for (const reference of type.references)
    addField(input, reference.name, () => ID, optional || reference.nullable, `${reference.description} An id of this city.`);
  for (const field of type.fields) addField(input, field.name, field.graphqlType, optional || field.nullable || field.kind === 'texts', field.description);
  if (type.practice) addField(input, 'concepts', () => [ID], optional, `Concepts of the ${type.dimension} dimension of the taxonomy (at least one).`);
  addField(input, 'source', () => SourceInput, optional, 'Its citation.');
}

export interface EditInputs {
  /** NewRecord, RecordPatch, RecordChange. */
  newRecord: ClassType;
  recordPatch: ClassType;
  recordChange: ClassType;
}

let made: EditInputs | undefined;

/** Made once per process: type-graphql keeps every input type it has seen. */
export function editInputs(): EditInputs {
  if (made) return made;
  const newRecord = inputClass('NewRecord', 'A new record: set exactly one member, the one of its type.');
  const recordPatch = inputClass('RecordPatch', "Changes to a record: set exactly one member, the one of the record's type.");
  for (const type of RECORD_TYPES) {
    const create = inputClass(`New${type.name}`, `A new ${type.name}. Without id, one is made (<plan>.${type.key}.<random>); an id is never reused.`);
    addField(create, 'id', () => ID, true, 'The new record’s id (lower-case ASCII words joined by "." or "-"; under a plan it starts with "<plan>.<key>.").');
    addRecordFields(create, type, false);
    const patch = inputClass(`${type.name}Patch`, `Changes to a ${type.name}: an omitted field is unchanged; null clears a field that may be empty.`);
    addRecordFields(patch, type, true);
    addField(newRecord, memberNameOf(type), () => create, true);
    addField(recordPatch, memberNameOf(type), () => patch, true);
  }
  const revision = inputClass('RecordRevision', 'A revision of one record within apply.');
  addField(revision, 'id', () => ID, false);
  addField(revision, 'expectedVersion', () => Int, false, 'The version the change was made from; another one is a CONFLICT.');
  addField(revision, 'patch', () => recordPatch, false);
  const retirement = inputClass('RecordRetirement', 'A retirement of one record within apply.');
  addField(retirement, 'id', () => ID, false);
  addField(retirement, 'expectedVersion', () => Int, false, 'The version the change was made from; another one is a CONFLICT.');
  const recordChange = inputClass('RecordChange', 'One change within apply: set exactly one of create, revise, retire.');
  addField(recordChange, 'create', () => newRecord, true);
  addField(recordChange, 'revise', () => revision, true);
  addField(recordChange, 'retire', () => retirement, true);
  made = { newRecord, recordPatch, recordChange };
  return made;
}
