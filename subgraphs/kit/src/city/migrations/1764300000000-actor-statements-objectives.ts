import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';

/**
 * What the plans say beyond their actors' roles (state, issues, effects, strengths, stance) and the
 * purposes they state for themselves; figures that the text gives only approximately keep its qualifier.
 */
export class ActorStatementsObjectives1764300000000 implements MigrationInterface {
  name = 'ActorStatementsObjectives1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const cited = `
      id text PRIMARY KEY, position int NOT NULL, source_document text NOT NULL, source_section text,
      source_quote text NOT NULL, hub_readings text[] NOT NULL DEFAULT '{}', search_text text NOT NULL,
      plan_id text NOT NULL REFERENCES "${s}".plan(id) ON DELETE CASCADE`;
    await queryRunner.query(`CREATE TABLE "${s}".objective (${cited}, number text, text text NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "${s}".actor_statement (${cited},
      organization_id text NOT NULL REFERENCES "${s}".organization(id) ON DELETE CASCADE, kind text NOT NULL, text text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX objective_plan ON "${s}".objective (plan_id, position)`);
    await queryRunner.query(`CREATE INDEX actor_statement_plan ON "${s}".actor_statement (plan_id, position)`);
    await queryRunner.query(`CREATE INDEX actor_statement_organization ON "${s}".actor_statement (organization_id)`);
    await queryRunner.query(`ALTER TABLE "${s}".statistic ADD COLUMN qualifier text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".statistic DROP COLUMN qualifier`);
    await queryRunner.query(`DROP TABLE "${s}".actor_statement`);
    await queryRunner.query(`DROP TABLE "${s}".objective`);
  }
}
