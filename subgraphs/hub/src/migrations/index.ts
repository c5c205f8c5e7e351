import { CreateHubRegistry1764000000001 } from './1764000000001-create-hub-registry';
import { ConceptScheme1764200000001 } from './1764200000001-concept-scheme';
import { Credentials1764400000001 } from './1764400000001-credentials';
import { RegistryPages1764500000001 } from './1764500000001-registry-pages';

/** The hub's migrations, in order. */
export const HUB_MIGRATIONS = [CreateHubRegistry1764000000001, ConceptScheme1764200000001, Credentials1764400000001, RegistryPages1764500000001];
