import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@kyodo/kit';

/**
 * A registry of the whole country: hosted municipalities share one entity type, so a type name is
 * no longer unique; each row keeps the concepts its records mention, so that `municipalities` can
 * be filtered by concept and paged without asking any city.
 */
export class RegistryPages1764500000001 implements MigrationInterface {
  name = 'RegistryPages1764500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".municipality DROP CONSTRAINT municipality_type_name_key`);
    await queryRunner.query(`ALTER TABLE "${s}".municipality ADD COLUMN concepts text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX municipality_position ON "${s}".municipality (position)`);
    await queryRunner.query(`CREATE INDEX municipality_concepts ON "${s}".municipality USING gin (concepts)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".municipality_concepts`);
    await queryRunner.query(`DROP INDEX "${s}".municipality_position`);
    await queryRunner.query(`ALTER TABLE "${s}".municipality DROP COLUMN concepts`);
    await queryRunner.query(`ALTER TABLE "${s}".municipality ADD CONSTRAINT municipality_type_name_key UNIQUE (type_name)`);
  }
}
