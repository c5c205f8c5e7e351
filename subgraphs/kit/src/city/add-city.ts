import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { localGovernmentCodeProblem } from '../municipality/local-government-code';
import { citiesDirectory, seedsDirectory } from '../runtime/env';
import { MUNICIPALITIES_FILE } from '../seeds/check';
import { municipalitiesFileSchema } from '../seeds/hub-files';
import { HUB_PORT } from '../subgraph/services';
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
  const { folder, typeName } = namesOf(city.nameEn);
  const cities = readCityConfigs();
  const registryFile = path.join(seedsDirectory, MUNICIPALITIES_FILE);
  const registry = municipalitiesFileSchema.parse(YAML.parse(readFileSync(registryFile, 'utf8')));
  if (registry.some((row) => row.code === city.code) || cities.some((other) => other.code === city.code))
    throw new Error(`municipality ${city.code} is already registered`);
  if (cities.some((other) => other.name === folder || other.typeName === typeName)) throw new Error(`a city named ${folder} (${typeName}) already exists`);
  const port = Math.max(HUB_PORT, ...cities.map((other) => other.port)) + 1;

  const configFile = path.join(citiesDirectory, folder, CITY_CONFIG_FILE);
  if (existsSync(configFile)) throw new Error(`${configFile} already exists`);
  mkdirSync(path.dirname(configFile), { recursive: true });
  writeFileSync(
    configFile,
    `# The ${typeName} city subgraph: configuration only. The program is the kit's city subgraph\n` +
      `# (subgraphs/kit/src/city); its records are the seed documents of municipality ${city.code}.\n` +
      YAML.stringify({ code: city.code, typeName, port }),
  );
  appendFileSync(registryFile, YAML.stringify([city]));
  return { folder, typeName, port, files: [configFile, registryFile] };
}
