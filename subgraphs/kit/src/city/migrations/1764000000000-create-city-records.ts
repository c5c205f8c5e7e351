import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';

/** The tables of one city's records, in the city subgraph's own schema. */
export class CreateCityRecords1764000000000 implements MigrationInterface {
  name = 'CreateCityRecords1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const cited = `
      id text PRIMARY KEY,
      position int NOT NULL,
      source_document text NOT NULL,
      source_section text,
      source_quote text NOT NULL`;
    const practice = `${cited},
      plan_id text NOT NULL REFERENCES "${s}".plan(id) ON DELETE CASCADE,
      concept_ids text[] NOT NULL,
      search_text text NOT NULL`;
    await queryRunner.query(`
      CREATE TABLE "${s}".plan (${cited},
        title text NOT NULL, kind text NOT NULL, edition int, published_on text,
        period_start int, period_end int, slogan text, definition text,
        reviewed_in text REFERENCES "${s}".plan(id) ON DELETE SET NULL)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".collaboration_field (${cited},
        plan_id text NOT NULL REFERENCES "${s}".plan(id) ON DELETE CASCADE,
        title text NOT NULL, description text)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".principle (${practice},
        number text, title text NOT NULL, category text NOT NULL, description text NOT NULL)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".collaboration_form (${practice},
        number text, title text NOT NULL, category text, category_note text, overview text NOT NULL,
        effects text, cautions text, examples text[] NOT NULL)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".organization (${practice},
        name text NOT NULL, kind text NOT NULL, role text NOT NULL)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".measure (${practice},
        number text, title text NOT NULL, level int NOT NULL, level_name text NOT NULL,
        parent_id text REFERENCES "${s}".measure(id) ON DELETE CASCADE,
        departments text[] NOT NULL, status text, description text)`);
    for (const table of ['principle', 'collaboration_form', 'organization', 'measure']) {
      await queryRunner.query(`CREATE INDEX ${table}_concepts ON "${s}".${table} USING gin (concept_ids)`);
      await queryRunner.query(`CREATE INDEX ${table}_plan ON "${s}".${table} (plan_id, position)`);
    }
    await queryRunner.query(`CREATE INDEX measure_parent ON "${s}".measure (parent_id)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".seed_import (
        file text PRIMARY KEY, sha256 text NOT NULL, records int NOT NULL, imported_at timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['seed_import', 'measure', 'organization', 'collaboration_form', 'principle', 'collaboration_field', 'plan']) {
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
    }
  }
}
