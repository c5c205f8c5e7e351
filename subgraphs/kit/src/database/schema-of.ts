import type { QueryRunner } from 'typeorm';

/** The subgraph's own PostgreSQL schema, so that one migration serves every subgraph that shares it. */
export function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('a subgraph database must name its schema');
  return schema;
}
