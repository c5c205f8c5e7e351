import { Resolver } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import type { ClassType } from '../class-type';
import type { RecordsContext } from './city-context';
import { ConceptRef, conceptRefs } from './concept-ref.type';
import type { RecordType } from './declare';
import { defineField } from './define-field';
import { recordTypeOf } from './registry';
import { Source, type SourceParts } from './source.type';
import { Revision } from '../edits/revision.type';

/**
 * The resolvers of a record type's computed fields, derived from its declaration: each reference
 * and each list of children through this request's loaders, its citation, and its concepts.
 */
export function recordResolverOf(type: RecordType): ClassType {
  @Resolver(() => type.target)
  class RecordResolver {}

  for (const reference of type.references) {
    const target = () => recordTypeOf(reference.target());
    defineField(
      RecordResolver,
      'resolver',
      reference.name,
      () => reference.target(),
      { nullable: reference.nullable, description: reference.description },
      (record: ObjectLiteral, { loaders }: RecordsContext) => {
        const id = record[reference.property] as string | null;
        return id == null ? null : loaders.byId(target()).load(id);
      },
    );
  }
  for (const child of type.children) {
    const childType = () => recordTypeOf(child.target());
    const returns = child.single ? () => child.target() : () => [child.target()];
    defineField(
      RecordResolver,
      'resolver',
      child.name,
      returns,
      { description: child.description, nullable: child.single },
      async (record: ObjectLiteral, { loaders }: RecordsContext) => {
        const via = childType().references.find((reference) => reference.name === child.via);
        if (!via) throw new Error(`${childType().name} has no reference ${child.via}`);
        const found = await loaders.byReference(childType(), via.column, via.property).load(record.id as string);
        return child.single ? (found[0] ?? null) : found;
      },
    );
  }
  defineField(
    RecordResolver,
    'resolver',
    'source',
    () => Source,
    {},
    (record: ObjectLiteral): SourceParts => ({
      document: record.sourceDocument as string,
      section: record.sourceSection as string | null,
      quote: record.sourceQuote as string,
      page: record.sourcePage as number | null,
      url: record.contributed ? (record.sourceDocument as string) : null,
      contributedBy: record.contributedBy as string | null,
      contributedOn: record.contributedOn as string | null,
    }),
  );
  defineField(
    RecordResolver,
    'resolver',
    'history',
    () => [Revision],
    { description: 'Every change to the record, oldest first (revision 1 is its import or creation).' },
    (record: ObjectLiteral, { loaders }: RecordsContext) => loaders.history.load(record.id as string),
  );
  if (type.practice) {
    defineField(
      RecordResolver,
      'resolver',
      'concepts',
      () => [ConceptRef],
      {},
      (record: ObjectLiteral) => conceptRefs(record.conceptIds as string[]),
    );
  }
  Object.defineProperty(RecordResolver, 'name', { value: `${type.name}Resolver` });
  return RecordResolver;
}
