import type { ClassType } from '../class-type';
import { type RecordType, declaredRecordTypes } from './declare';
import { CollaborationField } from './collaboration-field.record';
import { CollaborationForm } from './collaboration-form.record';
import { Measure } from './measure.record';
import { Organization } from './organization.record';
import { Plan } from './plan.record';
import { Principle } from './principle.record';
import { ActorStatement } from './actor-statement.record';
import { Article } from './article.record';
import { Objective } from './objective.record';
import { Case } from './case.record';
import { Definition } from './definition.record';
import { Instrument } from './instrument.record';
import { PlanReview } from './plan-review.record';
import { ReviewFinding } from './review-finding.record';
import { Stage } from './stage.record';
import { Statistic } from './statistic.record';
import { TimelineEvent } from './timeline-event.record';

/**
 * The record types a city serves, in the order of a seed file's sections and of an import (a
 * record's references point to types earlier in the list or to its own). Everything that walks
 * "every dimension" (seed check, import, store, search, schema, exports) walks this list.
 */
const CLASSES: ClassType[] = [
  Plan,
  Objective,
  CollaborationField,
  Principle,
  CollaborationForm,
  Organization,
  ActorStatement,
  Measure,
  Case,
  Stage,
  Definition,
  Statistic,
  TimelineEvent,
  Instrument,
  Article,
  PlanReview,
  ReviewFinding,
];

function declarationOf(target: ClassType): RecordType {
  const declared = declaredRecordTypes().find((type) => type.target === target);
  if (!declared) throw new Error(`${target.name} is not declared with @recordType`);
  return declared;
}

export const RECORD_TYPES: readonly RecordType[] = CLASSES.map(declarationOf);

// A reference declared with an inverse gives the referenced type its list: Stage's reference to its
// plan makes Plan.stages, without Plan importing Stage (which would make an import cycle).
for (const type of RECORD_TYPES) {
  for (const reference of type.references) {
    if (!reference.inverse) continue;
    const { name, description, single } = reference.inverse;
    declarationOf(reference.target()).children.push({ name, description, single: single ?? false, via: reference.name, target: () => type.target });
  }
}

/** The record types that map to concepts of the taxonomy, whose `key` is the concept dimension. */
export const PRACTICE_TYPES: readonly RecordType[] = RECORD_TYPES.filter((type) => type.practice);

export function recordTypeOf(target: ClassType): RecordType {
  return declarationOf(target);
}

export function recordTypeOfSection(section: string): RecordType | undefined {
  return RECORD_TYPES.find((type) => type.section === section);
}
