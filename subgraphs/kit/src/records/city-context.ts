import type { Taxonomy } from '../city/taxonomy';
import type { RecordEditor } from '../edits/record-editor';
import type { EditorClaims } from '../subgraph/gateway-auth';
import type { RecordLoaders } from './record.loaders';
import type { RecordStore } from './record.store';

/** Who the verified request speaks for: an editor's claims, or only the role it named (a role that may not edit). */
export interface WriteAccess {
  claims?: EditorClaims;
  role?: string;
}

/** What every resolver of a city subgraph gets: its city, its store, the concept scheme, this request's loaders, and who may write. */
export interface CityContext {
  city: { code: string; typeName: string };
  store: RecordStore;
  taxonomy: Taxonomy;
  loaders: RecordLoaders;
  access: WriteAccess;
  edits: RecordEditor;
}
