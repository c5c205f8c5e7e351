import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';

/**
 * The hosted subgraph's own bookkeeping: which municipalities it holds and which seed files it has
 * imported. Its record tables follow the declarations (hosted-tables.ts).
 */
export class HostedRegistry1764400000000 implements MigrationInterface {
  name = 'HostedRegistry1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE "${s}".municipality (code text PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".seed_import (
        file text PRIMARY KEY, sha256 text NOT NULL, records int NOT NULL, imported_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".seed_import`);
    await queryRunner.query(`DROP TABLE "${s}".municipality`);
  }
}
