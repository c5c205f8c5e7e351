import { registerEnumType } from 'type-graphql';
import { children, enumField, intField, numberingField, recordType, reference, textField, textsField } from './declare';
import { Practice } from './practice';

export enum MeasureStatus {
  EXISTING = 'existing',
  PLANNED = 'planned',
  UNDER_STUDY = 'under-study',
}

registerEnumType(MeasureStatus, { name: 'MeasureStatus', description: 'Whether the plan calls a measure existing, planned or under study.' });

@recordType({
  name: 'Measure',
  table: 'measure',
  section: 'measures',
  key: 'measure',
  practice: true,
  implements: Practice,
  description: 'A measure (施策) at any level of a plan’s hierarchy.',
  list: {
    field: 'measures',
    description: 'Measures at every level, in document order, a page at a time.',
    paged: true,
    filters: [
      { name: 'level', type: 'int', column: 'level', match: 'equals', description: 'Only measures of this level (1 is the top).' },
      { name: 'department', type: 'text', column: 'departments', match: 'contains', description: 'Only measures this department is responsible for.' },
      { name: 'parent', type: 'id', column: 'parent_id', match: 'equals', description: 'Only the children of this measure.' },
    ],
  },
  // Runs on records that passed the seed schema: `parent` is an id or absent, `level` an integer.
  check: (measure, lookup) => {
    const level = Number(measure.level);
    if (typeof measure.parent !== 'string') return level === 1 ? [] : [`level ${level} measure without a parent`];
    const parent = lookup.byId('measures', measure.parent);
    if (!parent) return [];
    if (parent.plan !== measure.plan) return [`parent ${String(parent.id)} belongs to another plan`];
    return parent.level === level - 1 ? [] : [`level ${level} under parent ${String(parent.id)} of level ${String(parent.level)}`];
  },
  // A child's foreign key must find its parent already inserted.
  importOrder: (a, b) => Number(a.level) - Number(b.level),
})
@children(() => Measure, { name: 'children', via: 'parent', description: 'The measures one level below, in document order.' })
export class Measure extends Practice {
  @numberingField({ description: 'Numbering as printed.' })
  number: string | null;

  @textField({ description: 'The measure, in the document’s words.' })
  title: string;

  @intField({ description: '1 is the top of the hierarchy.', min: 1, max: 9 })
  level: number;

  @textField({ description: "The document's word for the level: 基本方針, 基本施策, 主な取組, …" })
  levelName: string;

  @reference(() => Measure, { name: 'parent', nullable: true, description: 'The measure one level up.' })
  parentId: string | null;

  @textsField({ description: 'Responsible departments, as written.' })
  departments: string[];

  @enumField(MeasureStatus, { description: 'Whether the plan calls it existing, planned or under study.', nullable: true })
  status: MeasureStatus | null;

  @textField({ description: 'What the document says of it.', nullable: true })
  description: string | null;
}
