import { type RecordType, declaredRecordTypes } from './declare';
import { CollaborationField } from './collaboration-field.record';
import { CollaborationForm } from './collaboration-form.record';
import { Measure } from './measure.record';
import { Organization } from './organization.record';
import { Plan } from './plan.record';
import { Principle } from './principle.record';

/**
 * The record types a city serves, in the order of a seed file's sections and of an import (a
 * record's references point to types earlier in the list or to its own). Everything that walks
 * "every dimension" (seed check, import, store, search, schema, exports) walks this list.
 */
const CLASSES: Function[] = [Plan, CollaborationField, Principle, CollaborationForm, Organization, Measure];

function declarationOf(target: Function): RecordType {
  const declared = declaredRecordTypes().find((type) => type.target === target);
  if (!declared) throw new Error(`${target.name} is not declared with @recordType`);
  return declared;
}

export const RECORD_TYPES: readonly RecordType[] = CLASSES.map(declarationOf);

/** The record types that map to concepts of the taxonomy, whose `key` is the concept dimension. */
export const PRACTICE_TYPES: readonly RecordType[] = RECORD_TYPES.filter((type) => type.practice);

export function recordTypeOf(target: Function): RecordType {
  return declarationOf(target);
}

export function recordTypeOfSection(section: string): RecordType | undefined {
  return RECORD_TYPES.find((type) => type.section === section);
}
