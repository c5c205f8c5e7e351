import type { GatewayCLISupergraphConfig } from '@graphql-hive/gateway';

/**
 * Hive Gateway's configuration in the benchmark (the CLI loads it with `-c`; the supergraph is the
 * committed file, given on the command line). The committed supergraph names each subgraph's
 * default port; the benchmark starts the subgraphs on free ports and passes their URLs in
 * KYODO_BENCH_SUBGRAPHS. KYODO_BENCH_DEDUPLICATE=false turns off Hive's in-flight deduplication of
 * identical subgraph requests, which otherwise serves concurrent identical queries from one fetch.
 */
const subgraphs = JSON.parse(process.env.KYODO_BENCH_SUBGRAPHS ?? '{}') as Record<string, string>;
const deduplicateInflightRequests = process.env.KYODO_BENCH_DEDUPLICATE !== 'false';

export const gatewayConfig: Partial<GatewayCLISupergraphConfig> = {
  logging: 'error',
  transportEntries: Object.fromEntries(Object.entries(subgraphs).map(([name, location]) => [name, { location, options: { deduplicateInflightRequests } }])),
};
