import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { composeServices } from '@apollo/composition';
import { repositoryRoot, schemaDirectory, subgraphServices } from '@kyodo/kit';
import { parse } from 'graphql';
import { dataDictionary } from './data-dictionary';
import { SUPERGRAPH_FILE } from './server';

const SUBGRAPH_SDL_FOLDER = path.join(schemaDirectory, 'subgraphs');

/**
 * Composes the supergraph from every subgraph's SDL (each printed by its own process, as it serves
 * it) and writes schema/. With --check it writes nothing and fails when the committed files differ.
 */
export async function composeSupergraph(): Promise<Map<string, string>> {
  const services = subgraphServices();
  const sdls = await Promise.all(
    services.map(async (service) => {
      const { stdout } = await promisify(execFile)(process.execPath, [service.entryPoint, ...service.args, '--print-sdl']);
      return stdout;
    }),
  );
  const result = composeServices(
    services.map((service, index) => ({
      name: service.name,
      url: `http://127.0.0.1:${service.port}/graphql`,
      typeDefs: parse(sdls[index]!),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  const files = new Map<string, string>([
    [SUPERGRAPH_FILE, result.supergraphSdl.trimEnd() + '\n'],
    [path.join(schemaDirectory, 'data-dictionary.md'), dataDictionary()],
  ]);
  services.forEach((service, index) => files.set(path.join(SUBGRAPH_SDL_FOLDER, `${service.name}.graphql`), sdls[index]!.trimEnd() + '\n'));
  return files;
}

/** Composes and writes schema/: the files that changed, relative to the repository (none when it was up to date). */
export async function writeSupergraph(): Promise<string[]> {
  const files = await composeSupergraph();
  const drifted = driftedFiles(files);
  mkdirSync(SUBGRAPH_SDL_FOLDER, { recursive: true });
  for (const [file, content] of files) writeFileSync(file, content);
  return drifted;
}

const driftedFiles = (files: Map<string, string>) =>
  [...files].filter(([file, content]) => readIfExists(file) !== content).map(([file]) => path.relative(repositoryRoot, file));

async function main() {
  if (process.argv.includes('--check')) {
    const files = await composeSupergraph();
    const drifted = driftedFiles(files);
    if (drifted.length) {
      console.error(`schema drift: ${drifted.join(', ')} differ from a fresh composition; run npm run compose and commit`);
      process.exit(1);
    }
    console.log(`schema: committed supergraph and data dictionary match a fresh composition of ${sdlCount(files)} subgraphs`);
    return;
  }
  const written = await writeSupergraph();
  console.log(written.length ? `schema: wrote ${written.join(', ')}` : 'schema: unchanged');
}

const sdlCount = (files: Map<string, string>) => [...files.keys()].filter((file) => file.startsWith(SUBGRAPH_SDL_FOLDER)).length;

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
