import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { localGovernmentCodeProblem } from '../municipality/local-government-code';
import { citiesDirectory, seedsDirectory } from '../runtime/env';
import { MUNICIPALITIES_FILE } from '../seeds/check';
import { municipalitiesFileSchema } from '../seeds/hub-files';
import { HUB_PORT } from '../subgraph/services';
import { readHostedConfig } from '../hosted/hosted-config';
import { CITY_CONFIG_FILE, readCityConfigs } from './city-config';

export interface NewCity {
  code: string;
  name: string;
  nameEn: string;
  prefecture: string;
  prefectureEn: string;
}

/** "Minami-Alps" → folder "minami-alps", type "MinamiAlps". */
export function namesOf(nameEn: string): { folder: string; typeName: string } {
  const words = nameEn
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (!words.length || !/^[A-Za-z]/.test(words[0] ?? '')) throw new Error(`"${nameEn}" gives no ASCII name to derive a folder and type name from`);
  return {
    folder: words.map((word) => word.toLowerCase()).join('-'),
    typeName: words.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join(''),
  };
}

/**
 * Registers a self-run city: its configuration (subgraphs/<folder>/city.yaml, on the next free port)
 * and its row in the hub's registry. Its seed and source files, and `npm run compose`, follow.
 */
export function addCity(city: NewCity): { folder: string; typeName: string; port: number; files: string[] } {
  const problem = localGovernmentCodeProblem(city.code);
  if (problem) throw new Error(problem);
  const registryFile = path.join(seedsDirectory, MUNICIPALITIES_FILE);
  const registry = municipalitiesFileSchema.parse(YAML.parse(readFileSync(registryFile, 'utf8')));
  if (registry.some((row) => row.code === city.code) || readCityConfigs().some((other) => other.code === city.code))
    throw new Error(`municipality ${city.code} is already registered`);
  const config = newCityConfig(city);
  writeCityConfig(config);
  appendFileSync(registryFile, YAML.stringify([city]));
  return { ...config, files: [config.file, registryFile] };
}

export interface NewCityConfig {
  code: string;
  folder: string;
  typeName: string;
  port: number;
  /** subgraphs/<folder>/city.yaml */
  file: string;
}

/**
 * The configuration a municipality gets when it becomes a self-run city: folder and type named
 * after its English name, the port after the highest city's that no subgraph uses. Refuses a name
 * or a file another city has.
 */
export function newCityConfig(city: { code: string; nameEn: string }): NewCityConfig {
  const { folder, typeName } = namesOf(city.nameEn);
  const cities = readCityConfigs();
  if (cities.some((other) => other.name === folder || other.typeName === typeName)) throw new Error(`a city named ${folder} (${typeName}) already exists`);
  const hostedPort = readHostedConfig()?.port;
  const taken = new Set([HUB_PORT, ...cities.map((other) => other.port), ...(hostedPort ? [hostedPort] : [])]);
  let port = Math.max(HUB_PORT, ...cities.map((other) => other.port)) + 1;
  while (taken.has(port)) port += 1;
  const file = path.join(citiesDirectory, folder, CITY_CONFIG_FILE);
  if (existsSync(file)) throw new Error(`${file} already exists`);
  return { code: city.code, folder, typeName, port, file };
}

/** Writes a city's configuration file (its folder too). */
export function writeCityConfig(config: NewCityConfig): void {
  mkdirSync(path.dirname(config.file), { recursive: true });
  writeFileSync(
    config.file,
    `# The ${config.typeName} city subgraph: configuration only. The program is the kit's city subgraph\n` +
      `# (subgraphs/kit/src/city); its records are the seed documents of municipality ${config.code}.\n` +
      YAML.stringify({ code: config.code, typeName: config.typeName, port: config.port }),
  );
}
