import path from 'node:path';
import { readCityConfigs } from '../city/city-config';
import { readHostedConfig } from '../hosted/hosted-config';
import { readSubgraphEnvironment, repositoryRoot, seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds } from '../seeds/check';

export interface SubgraphService {
  name: string;
  /** The municipality a city subgraph serves; none for the hub. */
  municipality?: { code: string; name: string; nameEn: string };
  port: number;
  url: string;
  /** The program and its arguments. */
  entryPoint: string;
  args: string[];
}

export const HUB_PORT = 4100;

/**
 * The federation's services: the hub, every configured city (subgraphs/<city>/city.yaml), then
 * the hosted subgraph when configured (subgraphs/hosted/hosted.yaml), each on the port its configuration gives (a variable such as AZUMINO_PORT overrides it, and
 * AZUMINO_URL points the gateway at a subgraph running elsewhere). Names come from the hub's
 * registry, matched by code.
 */
export function subgraphServices(): SubgraphService[] {
  const registry = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).municipalities;
  const hub = { name: 'hub', port: HUB_PORT, routingUrl: undefined, entryPoint: path.join(repositoryRoot, 'subgraphs', 'hub', 'dist', 'main.js'), args: [] };
  // In the registry's order, so that lists and exports read as the registry does.
  const position = (code: string) => registry.findIndex((municipality) => municipality.code === code);
  const configs = readCityConfigs().sort((a, b) => position(a.code) - position(b.code));
  const cities = configs.map((city) => {
    const registered = registry.find((municipality) => municipality.code === city.code);
    if (!registered) throw new Error(`city ${city.name} serves municipality ${city.code}, which is not in the hub's registry`);
    return {
      name: city.name,
      municipality: { code: city.code, name: registered.name, nameEn: registered.nameEn },
      port: city.port,
      routingUrl: city.routingUrl,
      entryPoint: path.join(repositoryRoot, 'subgraphs', 'kit', 'dist', 'city', 'main.js'),
      args: [city.name],
    };
  });
  // One service for every hosted municipality, however many: their number never shapes the federation.
  const hostedConfig = readHostedConfig();
  const hosted = hostedConfig
    ? [
        {
          name: hostedConfig.name,
          port: hostedConfig.port,
          routingUrl: hostedConfig.routingUrl,
          entryPoint: path.join(repositoryRoot, 'subgraphs', 'kit', 'dist', 'hosted', 'main.js'),
          args: [],
        },
      ]
    : [];
  return [hub, ...cities, ...hosted].map(({ routingUrl, ...service }) => {
    const configured = readSubgraphEnvironment(service.name);
    const port = configured.port ?? service.port;
    return { ...service, port, url: configured.url ?? routingUrl ?? `http://127.0.0.1:${port}/graphql` };
  });
}

export function portOf(name: string): number {
  const service = subgraphServices().find((candidate) => candidate.name === name);
  if (!service) throw new Error(`${name} is neither the hub nor a configured city`);
  return service.port;
}
