import DataLoader from 'dataloader';
import type { CollaborationField } from './collaboration-field.entity';
import type { Measure } from './measure.entity';
import type { Plan } from './plan.entity';
import type { RecordStore } from './record.store';

/** Groups rows under the keys asked for, in the order asked, so that one statement serves a batch. */
function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

function indexBy<V extends { id: string }>(keys: readonly string[], rows: V[]): (V | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => byId.get(key) ?? null);
}

/** Per-request batching: a field resolved for many parents costs one SQL statement, not one per parent. */
export class RecordLoaders {
  /**
   * A city has a handful of plans: the request reads them all once, and every plan lookup (of any
   * record, in whatever tick it comes) is served from that one read.
   */
  readonly plans: () => Promise<Plan[]>;
  readonly plan: DataLoader<string, Plan | null>;
  readonly measure: DataLoader<string, Measure | null>;
  readonly childrenOfMeasure: DataLoader<string, Measure[]>;
  readonly fieldsOfPlan: DataLoader<string, CollaborationField[]>;

  constructor(store: RecordStore) {
    let plans: Promise<Plan[]> | undefined;
    this.plans = () => (plans ??= store.plans());
    this.plan = new DataLoader(async (ids) => indexBy(ids, await this.plans()));
    this.measure = new DataLoader(async (ids) => indexBy(ids, await store.measuresByIds(ids)));
    this.childrenOfMeasure = new DataLoader(async (ids) =>
      groupBy(ids, await store.measuresByParents(ids), (measure) => measure.parentId!),
    );
    this.fieldsOfPlan = new DataLoader(async (ids) =>
      groupBy(ids, await store.fieldsByPlans(ids), (field) => field.planId),
    );
  }
}
