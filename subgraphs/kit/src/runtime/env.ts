import path from 'node:path';
import { z } from 'zod';

/** The repository root, found from this file's place in the tree (subgraphs/kit/{src,dist}/runtime). */
export const repositoryRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** An unset variable and an empty one mean the same: the default. */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const port = z.coerce
  .number({ invalid_type_error: 'expected a TCP port' })
  .int('expected a TCP port')
  .min(0, 'expected a TCP port')
  .max(65535, 'expected a TCP port');
const count = (what: string) =>
  z.coerce
    .number({ invalid_type_error: `expected ${what}` })
    .int(`expected ${what}`)
    .min(0, `expected ${what}`);
const httpUrl = z
  .string()
  .url('expected an http(s) URL')
  .refine((value) => /^https?:\/\//.test(value), 'expected an http(s) URL');

/**
 * Every environment variable the hub reads, in one place (the README's variable table lists the
 * same): each is checked once at start, and a wrong value stops the process with an error that
 * names the variable, instead of surfacing later as a puzzling failure.
 */
export const environmentSchema = z.object({
  NODE_ENV: optional(z.string()),
  PORT: optional(port).default(4000),
  DATABASE_URL: optional(
    z
      .string()
      .url('expected a postgres:// URL')
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'expected a postgres:// URL'),
  ),
  KYODO_DATA_DIR: optional(z.string()).default(path.join(repositoryRoot, 'data')),
  KYODO_SEEDS_DIR: optional(z.string()).default(path.join(repositoryRoot, 'seeds')),
  /** Default: <KYODO_SEEDS_DIR>/sources. */
  KYODO_SOURCES_DIR: optional(z.string()),
  KYODO_CITIES_DIR: optional(z.string()).default(path.join(repositoryRoot, 'subgraphs')),
  KYODO_SCHEMA_DIR: optional(z.string()).default(path.join(repositoryRoot, 'schema')),
  KYODO_SUBGRAPH_HOST: optional(z.string()).default('127.0.0.1'),
  /** Shared by the gateway and the subgraphs; at least 32 characters (256 bits for HS256). */
  KYODO_SUBGRAPH_SECRET: optional(z.string().min(32, 'expected at least 32 characters')),
  KYODO_SUBGRAPH_TIMEOUT_MS: optional(count('a number of milliseconds').min(1, 'expected a number of milliseconds')).default(5000),
  KYODO_RATE_LIMIT: optional(count('a number of requests per minute (0 = off)')).default(100),
  KYODO_AUTH_FAILURE_LIMIT: optional(count('a number of failed sign-ins per minute (0 = off)')).default(10),
  KYODO_WRITE_LIMIT: optional(count('a number of writes per minute (0 = off)')).default(60),
  KYODO_MAX_IN_FLIGHT: optional(count('a number of requests').min(1, 'expected a number of requests')).default(64),
  KYODO_MAX_WAIT_MS: optional(count('a number of milliseconds')).default(1000),
  KYODO_TRUST_PROXY: optional(count('a number of proxies')).default(0),
  /** Fault injection for tests: an `apply` that reaches a change of this record id writes <KYODO_DATA_DIR>/fault-apply-paused and pauses there, uncommitted, until the process dies. */
  KYODO_FAULT_PAUSE_APPLY_AT: optional(z.string()),
});

export type Environment = z.infer<typeof environmentSchema>;

/** A variable with a value the hub cannot use; the message names each such variable and why. */
export class EnvironmentError extends Error {
  readonly code = 'INVALID_ENVIRONMENT';
  constructor(readonly problems: string[]) {
    super(`invalid environment: ${problems.join('; ')}`);
    this.name = 'EnvironmentError';
  }
}

function parse<Output>(schema: z.ZodType<Output, z.ZodTypeDef, unknown>, source: NodeJS.ProcessEnv): Output {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvironmentError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '');
      return `${variable}=${JSON.stringify(source[variable] ?? '')}: ${issue.message}`;
    }),
  );
}

/** The hub's variables, read from `source` (the process environment unless given). */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  return parse(environmentSchema, source);
}

/** PORT variable of a subgraph: AZUMINO_PORT, MINAMI_ALPS_PORT, HUB_PORT. */
export const portVariableOf = (name: string): string => `${variablePrefixOf(name)}_PORT`;
/** URL variable of a subgraph that runs elsewhere: AZUMINO_URL, … */
export const urlVariableOf = (name: string): string => `${variablePrefixOf(name)}_URL`;
const variablePrefixOf = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** A subgraph's own variables: <NAME>_PORT and <NAME>_URL (the names depend on the hub's registry). */
export function readSubgraphEnvironment(name: string, source: NodeJS.ProcessEnv = process.env): { port?: number; url?: string } {
  const schema = z.object({ [portVariableOf(name)]: optional(port), [urlVariableOf(name)]: optional(httpUrl) });
  const values = parse(schema, source) as Record<string, number | string | undefined>;
  return { port: values[portVariableOf(name)] as number | undefined, url: values[urlVariableOf(name)] as string | undefined };
}

const environment = readEnvironment();

export const seedsDirectory = environment.KYODO_SEEDS_DIR;

/** The source documents (seeds/sources/<id>.txt and .yaml) that every record's quote is checked against. */
export const sourcesDirectory = environment.KYODO_SOURCES_DIR ?? path.join(seedsDirectory, 'sources');

/** Where each self-run city's configuration lives: <folder>/<city>/city.yaml. */
export const citiesDirectory = environment.KYODO_CITIES_DIR;

/** The composed supergraph and the subgraphs' SDL contracts. */
export const schemaDirectory = environment.KYODO_SCHEMA_DIR;

/** Where the embedded PGlite databases live when no DATABASE_URL is given. */
export const dataDirectory = environment.KYODO_DATA_DIR;

/** Tests only: the record id at which an `apply` pauses uncommitted (see KYODO_FAULT_PAUSE_APPLY_AT). */
export const faultPauseApplyAt = environment.KYODO_FAULT_PAUSE_APPLY_AT;

/** Development mode shows stack traces and internal addresses in errors; anything else hides them. */
export const isDevelopment = environment.NODE_ENV === 'development';

/** Whether a host name or address is this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
