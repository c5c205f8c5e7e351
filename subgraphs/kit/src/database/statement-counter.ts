import type { Logger } from 'typeorm';

/**
 * Counts every SQL statement TypeORM sends, so that /metrics can show how many statements a request
 * caused (the test that guards against one query per parent row reads it). Errors still reach stderr.
 */
export class StatementCounter implements Logger {
  statements = 0;

  logQuery(): void {
    this.statements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    console.error(`SQL error: ${error instanceof Error ? error.message : error}\n  in: ${query.slice(0, 200)}`);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    console.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') console.warn(message);
  }
}
