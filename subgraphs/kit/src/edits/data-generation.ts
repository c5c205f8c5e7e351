import { randomUUID } from 'node:crypto';
import type { Database } from '../database/data-source';

/**
 * The data generation of a subgraph of records (SubgraphDefinition.dataGeneration):
 * `<boot id>:<last revision id>`. Every committed write and every import that changed something
 * appends revisions; the seed import runs before the first answer and a restart has a new boot id.
 * The id is that of the last commit's last revision, not the highest seen: the hosted subgraph's
 * municipalities commit side by side, so a commit may finish after one with higher ids, and ids are
 * never reused, so each commit still gives a generation never reported before.
 */
export class DataGeneration {
  private readonly boot = randomUUID().slice(0, 8);
  private lastRevision = 0;

  constructor(private readonly schema: string) {}

  /** After the seed import: the last revision stored. */
  async read(database: Database): Promise<void> {
    const [row] = await database.dataSource.query<[{ last: number }]>(`SELECT coalesce(max(id), 0) AS last FROM "${this.schema}".revision`);
    this.lastRevision = Number(row.last);
  }

  /** After a commit, with the id of its last revision. */
  readonly committed = (lastRevisionId: number): void => {
    this.lastRevision = lastRevisionId;
  };

  readonly current = (): string => `${this.boot}:${this.lastRevision}`;
}
