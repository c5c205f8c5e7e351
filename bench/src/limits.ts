// First: sets production mode before anything that reads NODE_ENV is loaded.
import './production';
import { startGateway } from '@kyodo/gateway';
import type { SubgraphService } from '@kyodo/kit';

/**
 * What the doubling fragment chain costs the gateway: each fragment spreads the next one twice, so
 * a document of a few hundred tokens stands for 2^levels selections. Prints, for each number of
 * levels (25 and 40 unless given), how long the refusal takes and how long /health waits while
 * eight such requests are being refused. No subgraph runs: the chain is refused before any is
 * asked (so /health answers 503, promptly, unless the gateway is busy).
 *
 *   npm run build && node bench/dist/limits.js [levels…]
 */
function doublingChain(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1 ? `fragment F${level} on Query { municipalities { code } }` : `fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`,
  );
  return ['query Chain { ...F0 }', ...fragments].join('\n');
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const nowhere: SubgraphService[] = ['hub', 'azumino', 'ueda', 'komagane', 'minami-alps'].map((name) => ({
    name,
    port: 9,
    url: 'http://127.0.0.1:9/graphql',
    entryPoint: '',
    args: [],
  }));
  const gateway = await startGateway(nowhere, { port: 0 });
  const health = new URL('/health', gateway.url);
  try {
    const given = process.argv.slice(2).map(Number);
    for (const levels of given.length ? given : [25, 40]) {
      const body = JSON.stringify({ query: doublingChain(levels) });
      const refuse = async () => {
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const { errors } = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        return `${response.status} ${errors?.[0]?.extensions?.code}`;
      };
      const refusals: number[] = [];
      let answer = '';
      for (let round = 0; round < 3; round += 1) {
        const [result, ms] = await timed(refuse);
        answer = result;
        refusals.push(ms);
      }
      const burst = Array.from({ length: 8 }, refuse);
      const [healthStatus, healthMs] = await timed(async () => (await fetch(health)).status);
      await Promise.all(burst);
      console.log(
        `${levels} levels (${body.length} bytes): ${answer}, refused in ${median(refusals).toFixed(1)} ms (median of 3); ` +
          `/health answered ${healthStatus} in ${healthMs.toFixed(1)} ms during 8 more`,
      );
    }
  } finally {
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
