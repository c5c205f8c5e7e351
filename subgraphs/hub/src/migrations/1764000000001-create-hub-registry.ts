import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@kyodo/kit';

export class CreateHubRegistry1764000000001 implements MigrationInterface {
  name = 'CreateHubRegistry1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".municipality (
        code text PRIMARY KEY, position int NOT NULL, name text NOT NULL, name_en text NOT NULL,
        prefecture text NOT NULL, prefecture_en text NOT NULL, type_name text NOT NULL UNIQUE, subgraph text NOT NULL)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".concept (
        id text PRIMARY KEY, position int NOT NULL, dimension text NOT NULL, label text NOT NULL,
        label_en text NOT NULL, description text)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".concept`);
    await queryRunner.query(`DROP TABLE "${s}".municipality`);
  }
}
