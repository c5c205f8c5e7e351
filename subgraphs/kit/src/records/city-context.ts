import type { Taxonomy } from '../city/taxonomy';
import type { MunicipalityReads } from './municipality-reads';
import type { RecordLoaders } from './record.loaders';
import type { RecordStore } from './record.store';

/**
 * What every resolver of a city subgraph (self-run or hosted) gets: its store, the concept scheme and this request's loaders and batched list reads.
 */
export interface CityContext {
  store: RecordStore;
  taxonomy: Taxonomy;
  loaders: RecordLoaders;
  reads: MunicipalityReads;
}
