import { describeCredentials } from './support/credential-specs';

// PGlite allows one process per data folder: the maintainer's command goes through the running hub.
describeCredentials('PGlite');
