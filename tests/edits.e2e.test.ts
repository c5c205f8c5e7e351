import { describeEdits } from './support/edits-spec';

/** The edits API on PostgreSQL (see tests/support/edits-spec.ts). */
describe('edits on PostgreSQL', () => describeEdits('postgresql'));
