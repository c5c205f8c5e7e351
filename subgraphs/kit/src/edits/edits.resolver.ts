import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { ClassType } from '../class-type';
import type { EditsContext, WriteAccess } from '../records/city-context';
import { defineField } from '../records/define-field';
import type { EditorClaims } from '../subgraph/gateway-auth';
import { badInput } from './edit-errors';
import { editInputs } from './edit-inputs';
import type { EditChange, RecordEditor } from './record-editor';
import { RevisionResult } from './revision-result.type';

/** A namespace's field on Mutation: its GraphQL type name in lowerCamelCase (Azumino → azumino, HostedMunicipality → hostedMunicipality). */
export const mutationFieldOf = (typeName: string): string => typeName.charAt(0).toLowerCase() + typeName.slice(1);

/**
 * Who may write a municipality's records: an editor of that very municipality, as the gateway
 * verified and signed. Reached without claims (directly, or by an anonymous client) a write is
 * UNAUTHENTICATED; another municipality's editor, or a role that may not edit, is FORBIDDEN.
 * `label` names the municipality in the messages.
 */
export function authorize(access: WriteAccess, municipality: { code: string; label: string }): EditorClaims {
  if (!access.claims) {
    if (access.role !== undefined && access.role !== 'editor') {
      throw new GraphQLError(`the role ${access.role} may not change records: ask the hub's maintainer for an editor credential`, {
        extensions: { code: 'FORBIDDEN' },
      });
    }
    throw new GraphQLError(
      `changing the records of ${municipality.label} needs an editor's credential of that municipality: send Authorization: Bearer <token> to the gateway`,
      {
        extensions: { code: 'UNAUTHENTICATED' },
      },
    );
  }
  if (access.claims.municipality !== municipality.code) {
    throw new GraphQLError(`your credential is for municipality ${access.claims.municipality}: it cannot change the records of ${municipality.label}`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return access.claims;
}

/** What a namespace field answers: the verified editor and the editor of records bound to the municipality. */
interface EditSession {
  editor: EditorClaims;
  edits: RecordEditor;
}

/**
 * A Mutation namespace, `Mutation.<type>: <Type>Edits`. Federation cannot route one field by
 * argument, so each self-run city contributes a field of its own for its one municipality (`code`
 * given: `Mutation.azumino`); the hosted subgraph, one subgraph for many municipalities, one field
 * whose `code` argument names the municipality (`Mutation.hostedMunicipality(code:)`).
 */
export function editsResolversOf(typeName: string, code?: string): { types: ClassType[]; resolvers: ClassType[] } {
  const [whose, editorOf] = code ? [`${typeName}'s`, typeName] : [`a ${typeName}'s`, 'that municipality'];
  @ObjectType(`${typeName}Edits`, {
    description: `Changes to ${whose} records, by an editor of ${editorOf}. Each is one transaction; every committed change is a revision in the record's history.`,
  })
  class Edits {}

  @Resolver()
  class EditsMutation {
    async edits(context: EditsContext, argument?: string): Promise<EditSession> {
      const municipality = code ?? argument!;
      const editor = authorize(context.access, { code: municipality, label: code ? `${typeName} (${code})` : `municipality ${municipality}` });
      const edits = await context.editorOf(municipality);
      // After the claims: a write refused for them costs no query.
      if (!edits) {
        throw badInput(
          'code',
          `${municipality} is not a ${typeName}: a self-run city's records change through its own field of Mutation, named after its type, and a registered municipality becomes a ${typeName} once its seed documents are imported`,
        );
      }
      return { editor, edits };
    }
  }
  // The decorators by hand: the field takes the `code` argument only when the subgraph holds many municipalities.
  const prototype = EditsMutation.prototype as object;
  Ctx()(prototype, 'edits', 0);
  if (!code) Arg('code', () => ID, { description: `The ${typeName}'s six-digit local government code.` })(prototype, 'edits', 1);
  Mutation(() => Edits, {
    name: mutationFieldOf(typeName),
    nullable: true,
    description: `Change ${whose} records (an editor's credential of ${editorOf} only).`,
  })(prototype, 'edits', Object.getOwnPropertyDescriptor(prototype, 'edits')!);
  Object.defineProperty(EditsMutation, 'name', { value: `${typeName}EditsMutation` });

  @Resolver(() => Edits)
  class EditsResolver {}
  Object.defineProperty(EditsResolver, 'name', { value: `${typeName}EditsResolver` });

  const inputs = editInputs();
  const message = { name: 'message', type: () => String, nullable: false, description: 'Why: kept in the history with the change.' };
  const version = { name: 'expectedVersion', type: () => Int, nullable: false, description: 'The version you read; another one is a CONFLICT.' };
  const one = async ({ editor, edits }: EditSession, change: EditChange, why: string) => (await edits.apply(editor, [change], why))[0];
  defineField(
    EditsResolver,
    'resolver',
    'create',
    () => RevisionResult,
    { description: 'Adds a record (version 1).', args: [{ name: 'input', type: () => inputs.newRecord, nullable: false }, message] },
    (session: EditSession, _context: EditsContext, input: Record<string, unknown>, why: string) => one(session, { create: input }, why),
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
    (session: EditSession, _context: EditsContext, id: string, expectedVersion: number, patch: Record<string, unknown>, why: string) =>
      one(session, { revise: { id, expectedVersion, patch } }, why),
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
    (session: EditSession, _context: EditsContext, id: string, expectedVersion: number, why: string) => one(session, { retire: { id, expectedVersion } }, why),
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
    ({ editor, edits }: EditSession, _context: EditsContext, changes: EditChange[], why: string) => edits.apply(editor, changes, why),
  );
  return { types: [Edits], resolvers: [EditsMutation, EditsResolver] };
}
