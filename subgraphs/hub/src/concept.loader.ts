import DataLoader from 'dataloader';
import type { Concept } from './concept.entity';
import type { HubStore } from './hub.store';

/** Batches the gateway's concept references of one request into one statement. */
export type ConceptLoader = DataLoader<string, Concept | null>;

export function createConceptLoader(store: HubStore): ConceptLoader {
  return new DataLoader(async (ids) => {
    const byId = new Map((await store.conceptsByIds(ids)).map((concept) => [concept.id, concept]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
