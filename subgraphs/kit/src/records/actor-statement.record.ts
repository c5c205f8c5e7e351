import { registerEnumType } from 'type-graphql';
import { CitedRecord } from './cited-record';
import { enumField, recordType, reference, textField } from './declare';
import { Organization } from './organization.record';
import { Plan } from './plan.record';

export enum ActorStatementKind {
  STATE = 'state',
  ISSUE = 'issue',
  EFFECT = 'effect',
  STRENGTH = 'strength',
  STANCE = 'stance',
}

registerEnumType(ActorStatementKind, {
  name: 'ActorStatementKind',
  description:
    'What a plan says of an actor besides its role: its current state (現状), an issue (課題), an effect it can expect (効果), a strength (特性・強み) or a stance it should take (姿勢).',
});

@recordType({
  name: 'ActorStatement',
  table: 'actor_statement',
  section: 'actorStatements',
  key: 'statement',
  implements: CitedRecord,
  description: 'What a plan says of an actor besides its role: its current state, issues, expected effects, strengths or stance.',
  list: {
    field: 'actorStatements',
    description: 'What the plans say of their actors besides their roles, in document order.',
    filters: [{ name: 'organization', type: 'id', column: 'organization_id', match: 'equals', description: 'Only the statements about this actor.' }],
  },
})
export class ActorStatement extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan that says it.' })
  planId: string;

  @reference(() => Organization, {
    name: 'organization',
    description: 'The actor it is said of.',
    inverse: { name: 'statements', description: 'What the plan says of the actor besides its role: state, issues, effects, strengths, stance.' },
  })
  organizationId: string;

  @enumField(ActorStatementKind, { description: 'A state, an issue, an effect, a strength or a stance.' })
  kind: ActorStatementKind;

  @textField({ description: 'The statement, in the document’s words.' })
  text: string;
}
