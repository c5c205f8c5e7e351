import type { Taxonomy } from '../city/taxonomy';
import type { RecordEditor } from '../edits/record-editor';
import type { EditorClaims } from '../subgraph/gateway-auth';
import type { MunicipalityReads } from './municipality-reads';
import type { RecordLoaders } from './record.loaders';
import type { RecordStore } from './record.store';

/** Who the verified request speaks for: an editor's claims, or only the role it named (a role that may not edit). */
export interface WriteAccess {
  claims?: EditorClaims;
  role?: string;
}

/** What every reading resolver of records gets, self-run city or hosted: the store, the concept scheme, this request's loaders and batched list reads. */
export interface RecordsContext {
  store: RecordStore;
  taxonomy: Taxonomy;
  loaders: RecordLoaders;
  reads: MunicipalityReads;
}

/** What a self-run city's resolvers get besides: its city, and who may write. */
export interface CityContext extends RecordsContext {
  city: { code: string; typeName: string };
  access: WriteAccess;
  edits: RecordEditor;
}
