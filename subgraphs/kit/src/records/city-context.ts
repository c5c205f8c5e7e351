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

/** What the edits resolvers get: who asks, and the editor of a municipality the subgraph holds. */
export interface EditsContext {
  access: WriteAccess;
  /** The editor of the municipality with this code, bound to it for this request; undefined when the subgraph holds no such municipality. */
  editorOf(code: string): Promise<RecordEditor | undefined>;
}

/** What a self-run city's resolvers get. */
export type CityContext = RecordsContext & EditsContext;
