import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';
import { appendOnlyRevisions } from '../../edits/revision-chain';
import { RECORD_TYPES } from '../../records/registry';

/**
 * Edits (issue 12): every record table gains its version, retirement, contributed provenance and a
 * quote's page; the append-only revision table (triggers refuse UPDATE, DELETE and TRUNCATE on
 * PostgreSQL and PGlite alike) and the seed's last imported values, which tell a re-import's
 * collision from an unchanged field. The tables are derived from the record declarations.
 */
export class Edits1764400000000 implements MigrationInterface {
  name = 'Edits1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    // Until now every row came from a seed file and none could be edited: emptying the tables loses
    // nothing, and the next start imports each document afresh with its revision 1.
    for (const type of [...RECORD_TYPES].reverse()) await queryRunner.query(`DELETE FROM "${s}".${type.table}`);
    await queryRunner.query(`DELETE FROM "${s}".seed_import`);
    for (const type of RECORD_TYPES) {
      await queryRunner.query(`ALTER TABLE "${s}".${type.table}
        ADD COLUMN version int NOT NULL DEFAULT 1, ADD COLUMN retired_at text, ADD COLUMN contributed boolean NOT NULL DEFAULT false,
        ADD COLUMN contributed_by text, ADD COLUMN contributed_on text, ADD COLUMN source_page int`);
    }
    await queryRunner.query(`CREATE TABLE "${s}".revision (
      id serial PRIMARY KEY, record_id text NOT NULL, record_type text NOT NULL, version int NOT NULL, at timestamptz NOT NULL,
      author text NOT NULL, municipality text NOT NULL, credential_id text, message text NOT NULL, changes text NOT NULL,
      prev_hash text NOT NULL, hash text NOT NULL, UNIQUE (record_id, version))`);
    await queryRunner.query(`CREATE INDEX revision_record ON "${s}".revision (record_id, id)`);
    for (const statement of appendOnlyRevisions(s)) await queryRunner.query(statement);
    await queryRunner.query(`CREATE TABLE "${s}".seed_record (id text PRIMARY KEY, document text NOT NULL, record_values text NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".seed_record`);
    await queryRunner.query(`DROP TABLE "${s}".revision`);
    await queryRunner.query(`DROP FUNCTION "${s}".refuse_revision_change()`);
    for (const type of RECORD_TYPES) {
      await queryRunner.query(`ALTER TABLE "${s}".${type.table}
        DROP COLUMN version, DROP COLUMN retired_at, DROP COLUMN contributed, DROP COLUMN contributed_by, DROP COLUMN contributed_on, DROP COLUMN source_page`);
    }
  }
}
