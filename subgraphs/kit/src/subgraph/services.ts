import path from 'node:path';
import { readSubgraphEnvironment, repositoryRoot, seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds } from '../seeds/check';

export interface SubgraphService {
  name: string;
  /** The municipality a city subgraph serves; none for the hub. */
  municipality?: { code: string; name: string; nameEn: string };
  port: number;
  url: string;
  entryPoint: string;
}

const FIRST_PORT = 4100;

/**
 * The federation's services: the hub, then one city subgraph per entry of the hub's registry, so
 * that registering a city is what adds its service. Ports default to 4100, 4101, … in that order and
 * each can be set by its variable (HUB_PORT, AZUMINO_PORT, …); a URL variable (AZUMINO_URL) points
 * the gateway at a subgraph running elsewhere.
 */
export function subgraphServices(): SubgraphService[] {
  const registry = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).municipalities;
  const services = [
    { name: 'hub' },
    ...registry.map(({ subgraph, code, name, nameEn }) => ({ name: subgraph, municipality: { code, name, nameEn } })),
  ];
  return services.map((service, index) => {
    const configured = readSubgraphEnvironment(service.name);
    const port = configured.port ?? FIRST_PORT + index;
    return {
      ...service,
      port,
      url: configured.url ?? `http://127.0.0.1:${port}/graphql`,
      entryPoint: path.join(repositoryRoot, 'subgraphs', service.name, 'dist', 'main.js'),
    };
  });
}

export function portOf(name: string): number {
  const service = subgraphServices().find((candidate) => candidate.name === name);
  if (!service) throw new Error(`${name} is neither the hub nor a subgraph in the hub's registry`);
  return service.port;
}
