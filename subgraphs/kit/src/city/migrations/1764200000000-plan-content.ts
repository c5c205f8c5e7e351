import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';

const EXISTING = ['plan', 'collaboration_field', 'principle', 'collaboration_form', 'organization', 'measure'];

/**
 * What the plans say beyond principles, forms, actors and measures: definitions, statistics, the
 * timeline, instruments and their articles, example projects, stages and the reviews of earlier
 * plans; every record can mark the fields that are the hub's reading, and every record is searchable.
 */
export class PlanContent1764200000000 implements MigrationInterface {
  name = 'PlanContent1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of EXISTING) {
      await queryRunner.query(`ALTER TABLE "${s}".${table} ADD COLUMN hub_readings text[] NOT NULL DEFAULT '{}'`);
    }
    for (const table of ['plan', 'collaboration_field']) {
      await queryRunner.query(`ALTER TABLE "${s}".${table} ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    }
    await queryRunner.query(`ALTER TABLE "${s}".plan ADD COLUMN review_cycle text`);
    const cited = (plan: string) => `
      id text PRIMARY KEY, position int NOT NULL, source_document text NOT NULL, source_section text,
      source_quote text NOT NULL, hub_readings text[] NOT NULL DEFAULT '{}', search_text text NOT NULL,
      plan_id text NOT NULL REFERENCES "${s}".plan(id) ON DELETE ${plan}`;
    await queryRunner.query(`CREATE TABLE "${s}".case_example (${cited('CASCADE')}, concept_ids text[] NOT NULL,
      title text NOT NULL, description text NOT NULL, partners text[] NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "${s}".stage (${cited('CASCADE')}, number int NOT NULL, title text NOT NULL, description text)`);
    await queryRunner.query(`CREATE TABLE "${s}".definition (${cited('CASCADE')}, term text NOT NULL, text text NOT NULL, defined_in text)`);
    await queryRunner.query(`CREATE TABLE "${s}".statistic (${cited('CASCADE')}, subject text NOT NULL, value double precision NOT NULL,
      unit text NOT NULL, as_of text)`);
    await queryRunner.query(`CREATE TABLE "${s}".timeline_event (${cited('CASCADE')}, date text NOT NULL, title text NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "${s}".instrument (${cited('CASCADE')}, title text NOT NULL, kind text NOT NULL, enacted_on text)`);
    await queryRunner.query(`CREATE TABLE "${s}".article (${cited('CASCADE')},
      instrument_id text NOT NULL REFERENCES "${s}".instrument(id) ON DELETE CASCADE, number text NOT NULL, title text, text text NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "${s}".plan_review (${cited('CASCADE')},
      reviewed_in_id text NOT NULL REFERENCES "${s}".plan(id) ON DELETE CASCADE)`);
    await queryRunner.query(`CREATE TABLE "${s}".review_finding (${cited('CASCADE')},
      review_id text NOT NULL REFERENCES "${s}".plan_review(id) ON DELETE CASCADE, kind text NOT NULL, text text NOT NULL,
      measure_id text REFERENCES "${s}".measure(id) ON DELETE SET NULL)`);
    for (const table of ['case_example', 'stage', 'definition', 'statistic', 'timeline_event', 'instrument', 'article', 'plan_review', 'review_finding']) {
      await queryRunner.query(`CREATE INDEX ${table}_plan ON "${s}".${table} (plan_id, position)`);
    }
    await queryRunner.query(`CREATE INDEX case_example_concepts ON "${s}".case_example USING gin (concept_ids)`);
    await queryRunner.query(`CREATE INDEX article_instrument ON "${s}".article (instrument_id)`);
    await queryRunner.query(`CREATE INDEX review_finding_review ON "${s}".review_finding (review_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['review_finding', 'plan_review', 'article', 'instrument', 'timeline_event', 'statistic', 'definition', 'stage', 'case_example']) {
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
    }
    await queryRunner.query(`ALTER TABLE "${s}".plan DROP COLUMN review_cycle`);
    for (const table of ['plan', 'collaboration_field']) await queryRunner.query(`ALTER TABLE "${s}".${table} DROP COLUMN search_text`);
    for (const table of EXISTING) await queryRunner.query(`ALTER TABLE "${s}".${table} DROP COLUMN hub_readings`);
  }
}
