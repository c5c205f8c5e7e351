import { readEnvironment, subgraphServices } from '@kyodo/kit';
import { startGateway } from './server';

/** The gateway alone, for subgraphs that run elsewhere (their URLs from AZUMINO_URL, …). */
async function main() {
  const gateway = await startGateway(subgraphServices(), { port: readEnvironment().PORT });
  console.log(`[gateway] ready at ${gateway.url}`);
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.on('SIGINT', stop).on('SIGTERM', stop);
}

void main();
