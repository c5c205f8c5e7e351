import type { GatewayCLISupergraphConfig } from '@graphql-hive/gateway';
// The signing module alone: the kit's index would load its whole schema toolchain into Hive's process.
import { requestSigner, signedHeaders } from '@kyodo/kit';

/**
 * Hive Gateway's configuration in the benchmark (the CLI loads it with `-c`; the supergraph is the
 * committed file, given on the command line). The committed supergraph names each subgraph's
 * default port; the benchmark starts the subgraphs on free ports and passes their URLs in
 * KYODO_BENCH_SUBGRAPHS. KYODO_BENCH_DEDUPLICATE=false turns off Hive's in-flight deduplication of
 * identical subgraph requests, which otherwise serves concurrent identical queries from one fetch.
 * The subgraphs answer only signed requests, so Hive signs each one with KYODO_SUBGRAPH_SECRET,
 * through the same helper as everything else (it does not check the answers' signatures).
 */
const subgraphs = JSON.parse(process.env.KYODO_BENCH_SUBGRAPHS ?? '{}') as Record<string, string>;
const deduplicateInflightRequests = process.env.KYODO_BENCH_DEDUPLICATE !== 'false';
const sign = requestSigner(process.env.KYODO_SUBGRAPH_SECRET ?? '');
const subgraphAt = new Map(Object.entries(subgraphs).map(([name, url]) => [url, name]));

export const gatewayConfig: Partial<GatewayCLISupergraphConfig> = {
  logging: 'error',
  transportEntries: Object.fromEntries(
    Object.entries(subgraphs).map(([name, location]) => [name, { location, options: { deduplicateInflightRequests } }]),
  ),
  plugins: () => [
    {
      async onFetch({ url, options, setOptions }) {
        const subgraph = subgraphAt.get(url);
        if (!subgraph) return;
        const body = typeof options.body === 'string' ? options.body : '';
        const token = await signedHeaders(sign, { subgraph, url, method: options.method ?? 'POST', body });
        setOptions({ ...options, headers: { ...Object.fromEntries(new Headers(options.headers)), ...token } });
      },
    },
  ],
};
