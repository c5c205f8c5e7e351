import type { PluginFunction } from '@graphql-codegen/plugin-helpers';
import {
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
} from 'graphql';
import type { EditableType, EditField, EditFieldKind } from '../src/dashboard/edit/edit-schema';

function inputObject(schema: GraphQLSchema, name: string) {
  const type = schema.getType(name);
  if (!isInputObjectType(type)) throw new Error(`the schema has no input ${name}: the editor is built on the edits API`);
  return type;
}

/** How a form shows and sends one input field, from its input type and the record's own field of that name. */
function kindOf(field: GraphQLInputField, output: GraphQLField<unknown, unknown> | undefined): EditFieldKind {
  const named = getNamedType(field.type);
  const list = isListType(getNullableType(field.type));
  if (field.name === 'id') return 'id';
  if (isInputObjectType(named)) return 'source';
  if (isEnumType(named)) return 'enum';
  const scalar = `${list ? '[' : ''}${named.name}${list ? ']' : ''}`;
  const kinds: Record<string, EditFieldKind> = { String: 'text', Int: 'int', Float: 'float', '[String]': 'texts', ID: 'ref', '[ID]': 'ids' };
  const kind = kinds[scalar];
  if (!kind) throw new Error(`${field.name}: the editor has no form control for ${scalar}`);
  return kind === 'ids' && output && getNamedType(output.type).name === 'Concept' ? 'concepts' : kind;
}

/** The answer's selection for one writable field: references as their ids, an input object as its own fields. */
function selectionOf(field: EditField, output: GraphQLField<unknown, unknown> | undefined): string | null {
  if (!output) return null;
  if (field.kind === 'source') return `${field.name} { ${field.parts.map((part) => part.name).join(' ')} }`;
  return isObjectType(getNamedType(output.type)) ? `${field.name} { id }` : field.name;
}

function partsOf(type: GraphQLInputType, order: Map<string, string[]>): EditField['parts'] {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return [];
  const declared = order.get(named.name) ?? [];
  return sortedFields(Object.values(named.getFields()), declared).map((part) => ({
    name: part.name,
    kind: getNamedType(part.type).name === 'Int' ? 'int' : 'text',
    description: part.description ?? '',
  }));
}

/** The municipality's list of a record type: a plain list of it, or a connection whose nodes are it. */
function listOf(schema: GraphQLSchema, record: GraphQLNamedType): EditableType['list'] {
  const municipality = schema.getType('Municipality');
  if (!isInterfaceType(municipality)) return null;
  for (const field of Object.values(municipality.getFields())) {
    if (field.args.some((arg) => arg.name === 'text')) continue;
    const named = getNamedType(field.type);
    if (named === record) return { field: field.name, connection: false };
    const nodes = isObjectType(named) ? named.getFields().nodes : undefined;
    if (nodes && getNamedType(nodes.type) === record) return { field: field.name, connection: true };
  }
  return null;
}

/**
 * Each input's fields in the order their declarations give them: the API schema codegen hands over
 * is sorted by name, and a form reads best in the record's own order (plan, title, …, source).
 */
function declarationOrder(sdl: string): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const definition of parse(sdl).definitions) {
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) order.set(definition.name.value, definition.fields?.map((field) => field.name.value) ?? []);
  }
  return order;
}

const sortedFields = <Field extends { name: string }>(fields: Field[], declared: string[]): Field[] =>
  [...fields].sort((a, b) => declared.indexOf(a.name) - declared.indexOf(b.name));

function editableTypes(schema: GraphQLSchema, order: Map<string, string[]>): EditableType[] {
  const patches = inputObject(schema, 'RecordPatch').getFields();
  return Object.values(inputObject(schema, 'NewRecord').getFields()).map((member) => {
    const created = getNamedType(member.type);
    const typeName = created.name.replace(/^New/, '');
    const record = schema.getType(typeName);
    const patch = patches[member.name] && getNamedType(patches[member.name]!.type);
    if (!isObjectType(record) || !isInputObjectType(created) || !isInputObjectType(patch))
      throw new Error(`${member.name}: no record type ${typeName} with its patch`);
    const outputs = record.getFields();
    const patchable = patch.getFields();
    const declared = order.get(created.name) ?? [];
    const fields = sortedFields(Object.values(created.getFields()), declared).map((field): EditField => {
      const kind = kindOf(field, outputs[field.name]);
      const named = getNamedType(field.type);
      return {
        name: field.name,
        kind,
        required: isNonNullType(field.type),
        patchable: field.name in patchable,
        description: field.description ?? '',
        values: isEnumType(named) ? named.getValues().map((value) => value.name) : [],
        parts: partsOf(field.type, order),
        target: kind === 'ref' ? (getNamedType(outputs[field.name]?.type ?? field.type).name ?? null) : null,
      };
    });
    const selection = fields
      .map((field) => selectionOf(field, outputs[field.name]))
      .filter((part) => part !== null)
      .join(' ');
    return { typeName, member: member.name, fields, selection, list: listOf(schema, record) };
  });
}

/**
 * Each city's field on Mutation, by the city's type: `Azumino` → `azumino`, read from the `<City>Edits` it returns.
 * The hosted municipalities' namespace names its municipality by a required `code`: the editor
 * does not edit hosted municipalities yet, and a probe without the code would be refused whole.
 */
function namespaces(schema: GraphQLSchema): Record<string, string> {
  const fields = Object.values(schema.getMutationType()?.getFields() ?? {}).filter((field) => !field.args.some((argument) => isNonNullType(argument.type)));
  return Object.fromEntries(fields.map((field) => [getNamedType(field.type).name.replace(/Edits$/, ''), field.name]));
}

/**
 * A codegen plugin that writes the editor's view of the write API: the editable record types and
 * the cities' mutation namespaces, as data (see ../src/dashboard/edit/edit-schema.ts).
 */
export const plugin: PluginFunction<{ supergraph: string }> = (schema, _documents, { supergraph }) => ({
  prepend: ["import type { EditableType } from '../dashboard/edit/edit-schema';"],
  content: [
    `export const EDITABLE_TYPES: EditableType[] = ${JSON.stringify(editableTypes(schema, declarationOrder(supergraph)))};`,
    `export const EDIT_NAMESPACES: Record<string, string> = ${JSON.stringify(namespaces(schema))};`,
  ].join('\n'),
});
