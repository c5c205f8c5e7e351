import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { localGovernmentCodeProblem } from '../municipality/local-government-code';
import { citiesDirectory } from '../runtime/env';

/**
 * A self-run city is configuration: subgraphs/<name>/city.yaml says which municipality the kit's
 * generic city subgraph serves, as which entity type, on which port. (A later kind of city, served
 * by a shared multi-tenant subgraph, would be another `kind` here.)
 */
export const cityConfigSchema = z
  .object({
    code: z.string().refine(
      (code) => localGovernmentCodeProblem(code) === null,
      (code) => ({ message: localGovernmentCodeProblem(code) ?? '' }),
    ),
    typeName: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a GraphQL type name in PascalCase'),
    port: z.number().int().min(1024).max(65535),
    routingUrl: z.string().url().optional(),
    kind: z.literal('self-run').default('self-run'),
  })
  .strict();

export interface CityConfig extends z.infer<typeof cityConfigSchema> {
  /** The folder under subgraphs/, the PostgreSQL schema and the service name. */
  name: string;
}

export const CITY_CONFIG_FILE = 'city.yaml';

/** Every configured city, by folder name; a broken file stops everything with its reason. */
export function readCityConfigs(directory = citiesDirectory): CityConfig[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => existsSync(path.join(directory, name, CITY_CONFIG_FILE)))
    .sort()
    .map((name) => {
      const file = path.join(directory, name, CITY_CONFIG_FILE);
      const parsed = cityConfigSchema.safeParse(YAML.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        throw new Error(`${path.relative(process.cwd(), file)}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      }
      return { ...parsed.data, name };
    });
}

export function cityConfig(name: string): CityConfig {
  const config = readCityConfigs().find((city) => city.name === name);
  if (!config) throw new Error(`no city "${name}": expected ${path.join(citiesDirectory, name, CITY_CONFIG_FILE)}`);
  return config;
}
