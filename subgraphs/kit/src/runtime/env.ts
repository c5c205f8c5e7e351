import path from 'node:path';

/** The repository root, found from this file's place in the tree (subgraphs/kit/{src,dist}/runtime). */
export const repositoryRoot = path.resolve(__dirname, '..', '..', '..', '..');

export const seedsDirectory = process.env.KYODO_SEEDS_DIR ?? path.join(repositoryRoot, 'seeds');

/** The source documents (seeds/sources/<id>.txt and .yaml) that every record's quote is checked against. */
export const sourcesDirectory = process.env.KYODO_SOURCES_DIR ?? path.join(seedsDirectory, 'sources');

/** Where each self-run city's configuration lives: <folder>/<city>/city.yaml. */
export const citiesDirectory = process.env.KYODO_CITIES_DIR ?? path.join(repositoryRoot, 'subgraphs');

/** The composed supergraph and the subgraphs' SDL contracts. */
export const schemaDirectory = process.env.KYODO_SCHEMA_DIR ?? path.join(repositoryRoot, 'schema');

/** Where the embedded PGlite databases live when no DATABASE_URL is given. */
export const dataDirectory = process.env.KYODO_DATA_DIR ?? path.join(repositoryRoot, 'data');

/** Development mode shows stack traces and internal addresses in errors; anything else hides them. */
export const isDevelopment = process.env.NODE_ENV === 'development';

export function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable}=${raw} is not a TCP port`);
  }
  return port;
}
