import { runSubgraph } from '../subgraph/serve';
import { cityConfig } from './city-config';
import { defineCity } from './define-city';

/** The one program of every self-run city: `node city/main.js <city>` (the folder under subgraphs/). */
const name = process.argv[2];
if (!name || name.startsWith('-')) {
  console.error('usage: node subgraphs/kit/dist/city/main.js <city> [--print-sdl]');
  process.exit(2);
}
void runSubgraph(defineCity(cityConfig(name)));
