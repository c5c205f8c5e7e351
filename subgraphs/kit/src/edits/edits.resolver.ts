import { GraphQLError } from 'graphql';
import { Ctx, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { ClassType } from '../class-type';
import type { CityContext } from '../records/city-context';
import { defineField } from '../records/define-field';
import type { EditorClaims } from '../subgraph/gateway-auth';
import { editInputs } from './edit-inputs';
import type { EditChange } from './record-editor';
import { RevisionResult } from './revision-result.type';

/** The city's field on Mutation: its GraphQL type name in lowerCamelCase (Azumino → azumino, MinamiAlps → minamiAlps). */
export const mutationFieldOf = (typeName: string): string => typeName.charAt(0).toLowerCase() + typeName.slice(1);

/**
 * Who may write here: an editor of this very city, as the gateway verified and signed. Reached
 * without claims (directly, or by an anonymous client) a write is UNAUTHENTICATED; another city's
 * editor, or a role that may not edit, is FORBIDDEN.
 */
export function authorize({ city, access }: CityContext): EditorClaims {
  if (!access.claims) {
    if (access.role !== undefined && access.role !== 'editor') {
      throw new GraphQLError(`the role ${access.role} may not change records: ask the hub's maintainer for an editor credential`, {
        extensions: { code: 'FORBIDDEN' },
      });
    }
    throw new GraphQLError(
      `changing ${city.typeName}'s records needs an editor's credential of ${city.typeName}: send Authorization: Bearer <token> to the gateway`,
      {
        extensions: { code: 'UNAUTHENTICATED' },
      },
    );
  }
  if (access.claims.municipality !== city.code) {
    throw new GraphQLError(
      `your credential is for municipality ${access.claims.municipality}: it cannot change the records of ${city.typeName} (${city.code})`,
      {
        extensions: { code: 'FORBIDDEN' },
      },
    );
  }
  return access.claims;
}

/**
 * A city's mutation namespace, `Mutation.<city>: <City>Edits`: federation cannot route one field
 * by argument, so each city contributes a field of its own, generated from its configuration.
 */
export function editsResolversOf(typeName: string): { types: ClassType[]; resolvers: ClassType[] } {
  @ObjectType(`${typeName}Edits`, {
    description: `Changes to ${typeName}'s records, by an editor of ${typeName}. Each is one transaction; every committed change is a revision in the record's history.`,
  })
  class Edits {}

  @Resolver()
  class EditsMutation {
    @Mutation(() => Edits, {
      name: mutationFieldOf(typeName),
      nullable: true,
      description: `Change ${typeName}'s records (an editor's credential of ${typeName} only).`,
    })
    edits(@Ctx() context: CityContext): EditorClaims {
      return authorize(context);
    }
  }
  Object.defineProperty(EditsMutation, 'name', { value: `${typeName}EditsMutation` });

  @Resolver(() => Edits)
  class EditsResolver {}
  Object.defineProperty(EditsResolver, 'name', { value: `${typeName}EditsResolver` });

  const inputs = editInputs();
  const message = { name: 'message', type: () => String, nullable: false, description: 'Why: kept in the history with the change.' };
  const version = { name: 'expectedVersion', type: () => Int, nullable: false, description: 'The version you read; another one is a CONFLICT.' };
  const one = async (editor: EditorClaims, { edits }: CityContext, change: EditChange, why: string) => (await edits.apply(editor, [change], why))[0];
  defineField(
    EditsResolver,
    'resolver',
    'create',
    () => RevisionResult,
    { description: 'Adds a record (version 1).', args: [{ name: 'input', type: () => inputs.newRecord, nullable: false }, message] },
    (editor: EditorClaims, context: CityContext, input: Record<string, unknown>, why: string) => one(editor, context, { create: input }, why),
  );
  defineField(
    EditsResolver,
    'resolver',
    'revise',
    () => RevisionResult,
    {
      description: 'Changes the fields the patch sets.',
      args: [{ name: 'id', type: () => ID, nullable: false }, version, { name: 'patch', type: () => inputs.recordPatch, nullable: false }, message],
    },
    (editor: EditorClaims, context: CityContext, id: string, expectedVersion: number, patch: Record<string, unknown>, why: string) =>
      one(editor, context, { revise: { id, expectedVersion, patch } }, why),
  );
  defineField(
    EditsResolver,
    'resolver',
    'retire',
    () => RevisionResult,
    {
      description: 'Takes a record out of every list, search and export; its id still finds it.',
      args: [{ name: 'id', type: () => ID, nullable: false }, version, message],
    },
    (editor: EditorClaims, context: CityContext, id: string, expectedVersion: number, why: string) =>
      one(editor, context, { retire: { id, expectedVersion } }, why),
  );
  defineField(
    EditsResolver,
    'resolver',
    'apply',
    () => [RevisionResult],
    {
      description: 'Several changes in order, all or nothing (one transaction).',
      args: [{ name: 'changes', type: () => [inputs.recordChange], nullable: false }, message],
    },
    (editor: EditorClaims, { edits }: CityContext, changes: EditChange[], why: string) => edits.apply(editor, changes, why),
  );
  return { types: [Edits], resolvers: [EditsMutation, EditsResolver] };
}
