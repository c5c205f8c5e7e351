import type { HubStore } from './hub.store';
import type { ConceptLoader } from './concept.loader';

export interface HubContext {
  registry: HubStore;
  concepts: ConceptLoader;
}
