import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../../database/schema-of';

/** The source documents that citations name by id and title (they moved into the repository). */
export class SourceDocuments1764100000000 implements MigrationInterface {
  name = 'SourceDocuments1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".source_document (
        id text PRIMARY KEY, title text NOT NULL, publisher text NOT NULL, published_on text,
        extraction text NOT NULL, note text, sha256 text NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}".source_document`);
  }
}
