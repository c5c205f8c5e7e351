import type { Taxonomy } from '../city/taxonomy';
import type { RecordLoaders } from './record.loaders';
import type { RecordStore } from './record.store';

/** What every resolver of a city subgraph gets: its city, its store, the concept scheme and this request's loaders. */
export interface CityContext {
  city: { code: string; typeName: string };
  store: RecordStore;
  taxonomy: Taxonomy;
  loaders: RecordLoaders;
}
