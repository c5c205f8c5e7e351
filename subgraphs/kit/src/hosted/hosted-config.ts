import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { citiesDirectory } from '../runtime/env';

/**
 * The hosted subgraph is configuration too: subgraphs/hosted/hosted.yaml names the one entity type
 * of every municipality it serves, its port and how many hash partitions its tables have. Which
 * municipalities it serves is data: every registered municipality without a self-run city.
 */
export const hostedConfigSchema = z
  .object({
    typeName: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a GraphQL type name in PascalCase'),
    port: z.number().int().min(1024).max(65535),
    routingUrl: z.string().url().optional(),
    /** Hash partitions per table: a few per core of the server, each small enough to vacuum and scan on its own. */
    partitions: z.number().int().min(1).max(256).default(4),
  })
  .strict();

export interface HostedConfig extends z.infer<typeof hostedConfigSchema> {
  /** The folder under subgraphs/, the PostgreSQL schema and the service name: `hosted`. */
  name: string;
}

export const HOSTED_NAME = 'hosted';
export const HOSTED_CONFIG_FILE = 'hosted.yaml';

/** The hosted subgraph's configuration, or undefined when the federation has none. */
export function readHostedConfig(directory = citiesDirectory): HostedConfig | undefined {
  const file = path.join(directory, HOSTED_NAME, HOSTED_CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = hostedConfigSchema.safeParse(YAML.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path.relative(process.cwd(), file)}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return { ...parsed.data, name: HOSTED_NAME };
}
