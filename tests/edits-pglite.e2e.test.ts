import { describeEdits } from './support/edits-spec';

/** The edits API on embedded PGlite, whatever PostgreSQL server answers (see tests/support/edits-spec.ts). */
describe('edits on PGlite', () => describeEdits('pglite'));
