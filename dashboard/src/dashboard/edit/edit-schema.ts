/**
 * What the editor knows of the write API, in the shape codegen derives it from the schema
 * (../../../codegen/edit-schema.ts writes ../../api/edit-schema.generated.ts on every build): one
 * entry per record type, from its `New<Type>` and `<Type>Patch` inputs, so a new field or record
 * type reaches the forms without a line here.
 */
export type EditFieldKind = 'id' | 'text' | 'int' | 'float' | 'enum' | 'texts' | 'ref' | 'ids' | 'concepts' | 'source';

export interface EditField {
  name: string;
  kind: EditFieldKind;
  /** Non-null in `New<Type>`: a new record needs it. */
  required: boolean;
  /** Whether `<Type>Patch` takes it: a revision may change it. */
  patchable: boolean;
  description: string;
  /** The values of an enum field. */
  values: string[];
  /** The sub-fields of an input object (the citation), each a text or a number. */
  parts: { name: string; kind: 'text' | 'int'; description: string }[];
  /** The record type a reference points to (`Plan`), read from the record's own field. */
  target: string | null;
}

export interface EditableType {
  /** The GraphQL type of the record (`Measure`). */
  typeName: string;
  /** Its member in `NewRecord` and `RecordPatch` (`measure`). */
  member: string;
  fields: EditField[];
  /** The fields of the record to read before a change: the writable ones, references by id. */
  selection: string;
  /** The municipality's list of these records, when it has one. */
  list: { field: string; connection: boolean } | null;
}
