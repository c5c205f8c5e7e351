import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@kyodo/kit';

/** The taxonomy becomes a concept scheme: definitions in both languages and a broader concept. */
export class ConceptScheme1764200000001 implements MigrationInterface {
  name = 'ConceptScheme1764200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".concept RENAME COLUMN description TO definition_en`);
    await queryRunner.query(`ALTER TABLE "${s}".concept ADD COLUMN definition text`);
    await queryRunner.query(`ALTER TABLE "${s}".concept ADD COLUMN broader text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".concept DROP COLUMN broader`);
    await queryRunner.query(`ALTER TABLE "${s}".concept DROP COLUMN definition`);
    await queryRunner.query(`ALTER TABLE "${s}".concept RENAME COLUMN definition_en TO description`);
  }
}
