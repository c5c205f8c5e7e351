import type { RecordLoaders } from './record.loaders';
import type { RecordStore } from './record.store';

/** What every resolver of a city subgraph gets: its city, its store and this request's loaders. */
export interface CityContext {
  city: { code: string; typeName: string };
  store: RecordStore;
  loaders: RecordLoaders;
}
