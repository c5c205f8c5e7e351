import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@kyodo/kit';

/** Editors' credentials: the hub issues, verifies and revokes them; only a hash of each secret is kept. */
export class Credentials1764400000001 implements MigrationInterface {
  name = 'Credentials1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".credential (
        id text PRIMARY KEY, municipality text NOT NULL, role text NOT NULL, name text NOT NULL,
        secret_sha256 text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
        revoked_at timestamptz)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".credential`);
  }
}
