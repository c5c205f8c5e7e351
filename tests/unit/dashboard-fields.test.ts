import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getNamedType, type GraphQLSchema, isEnumType, isLeafType, isObjectType, parse, TypeInfo, visit, visitWithTypeInfo } from 'graphql';

/**
 * The drill-down and the city page show every field of a record (dashboard/src/dashboard/record-detail.ts
 * renders whatever the query returns): so each record type's query must ask for every content field the
 * API has, and each field and enum value it asks for needs a label in both languages. A field added to a
 * record declaration fails here until the dashboard asks for it and names it.
 */
const ROOT = path.join(__dirname, '..', '..');
const schema: GraphQLSchema = Supergraph.build(readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

type Labels = Record<string, { ja?: string; en?: string }>;
const labels = JSON.parse(readFileSync(path.join(ROOT, 'dashboard', 'src', 'dashboard', 'labels.json'), 'utf8')) as { fields: Labels; enums: Labels };
const labelled = (table: Labels, name: string) => Boolean(table[name]?.ja && table[name]?.en);

/** Which query shows which record types. */
const SHOWN_BY: Record<string, string[]> = {
  'principles.graphql': ['Principle'],
  'forms.graphql': ['CollaborationForm'],
  'organizations.graphql': ['Organization'],
  'measures-page.graphql': ['Measure'],
  'city-page.graphql': ['Plan', 'Principle', 'CollaborationForm', 'Organization', 'Case', 'Definition', 'Statistic', 'TimelineEvent'],
};

/**
 * Not content: identity, citation and structure that each card shows in its own way, and the
 * bookkeeping of edits (versions, history, retirement), which the editing views will show.
 */
const NOT_CONTENT = new Set([
  'id',
  'source',
  'plan',
  'concepts',
  'parent',
  'children',
  'matchedText',
  'document',
  'version',
  'history',
  'retiredAt',
  'contributed',
]);

/** Every field selected on each object type in a query file. */
function selections(file: string): Map<string, Set<string>> {
  const document = parse(readFileSync(path.join(ROOT, 'dashboard', 'src', 'queries', file), 'utf8'));
  const typeInfo = new TypeInfo(schema);
  const selected = new Map<string, Set<string>>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent) selected.set(parent.name, (selected.get(parent.name) ?? new Set()).add(node.name.value));
      },
    }),
  );
  return selected;
}

describe.each(Object.entries(SHOWN_BY))('%s', (file, types) => {
  const selected = selections(file);

  it.each(types)('asks for every content field of %s', (typeName) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the API`);
    const content = Object.values(type.getFields())
      .filter((field) => !field.deprecationReason && !NOT_CONTENT.has(field.name))
      .map((field) => field.name);
    expect(content.filter((field) => !selected.get(typeName)?.has(field))).toEqual([]);
  });

  it.each(types)('labels every field it shows of %s, and every value of its enums, in Japanese and English', (typeName) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the API`);
    const fields = type.getFields();
    const shown = [...(selected.get(typeName) ?? [])].filter((name) => !NOT_CONTENT.has(name) && !['title', 'name', 'number', 'hubReadings'].includes(name));
    const leaves = shown.filter((name) => isLeafType(getNamedType(fields[name]!.type)));
    expect(leaves.filter((name) => !labelled(labels.fields, name))).toEqual([]);
    const enumValues = shown
      .map((name) => getNamedType(fields[name]!.type))
      .filter(isEnumType)
      .flatMap((enumType) => enumType.getValues().map((value) => value.name));
    expect(enumValues.filter((value) => !labelled(labels.enums, value))).toEqual([]);
  });
});
