import type { RecordLoaders } from './records.loader';
import type { RecordStore } from './record.store';

/** What every resolver of a city subgraph gets: the city's store and this request's loaders. */
export interface CityContext {
  store: RecordStore;
  loaders: RecordLoaders;
}
