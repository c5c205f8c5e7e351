import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { DATA_GENERATION_HEADER, editorClaimsToToken, type SubgraphService } from '@kyodo/kit';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { DataGenerations } from './data-generations';
import type { GenerationsSeen } from './response-cache';
import type { SubgraphAnswer, SubgraphClient } from './subgraph-client';
import type { GatewayContext } from './authentication';
import { CircuitOpenError, type SubgraphGuard, SubgraphTimeoutError } from './subgraph-guard';
import { operationTypeOf, SingleFlight } from './single-flight';

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
export const SUBGRAPH_TIMEOUT = 'SUBGRAPH_TIMEOUT';

/** Who a subgraph serves, in words a client can act on: "Azumino (安曇野市)" or "the hub". */
export function describeService(service: SubgraphService): string {
  return service.municipality ? `${service.municipality.nameEn} (${service.municipality.name})` : 'the hub';
}

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * How the gateway's query plan reaches one subgraph: identical queries in flight are sent once
 * (unless `shareInFlight` is off), each through the subgraph's guard (deadline, circuit breaker)
 * and its signed HTTP client. A subgraph that cannot be reached, fails, is too slow or has its
 * circuit open yields one clean error naming the city it serves, instead of a raw fetch error with
 * an internal address; the rest of the plan goes on, so the other cities' data still arrives.
 */
export class SubgraphSource implements GraphQLDataSource {
  private readonly fetches = new SingleFlight<SubgraphAnswer>();

  constructor(
    private readonly service: SubgraphService,
    private readonly client: SubgraphClient,
    private readonly guard: SubgraphGuard,
    private readonly options: { timeoutMs: number; shareInFlight: boolean },
    /** Told of every generation seen and every write sent (the gateway's caches listen); a source on its own tells no one. */
    private readonly generations = new DataGenerations(),
  ) {}

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayResponse> {
    const { query, operationName, variables, extensions } = options.request;
    if (!query) throw new Error('the query plan sent a subgraph request without a query');
    const body = JSON.stringify({ query, operationName, variables, extensions });
    const operation = operationTypeOf(query, operationName);
    if (operation !== OperationTypeNode.QUERY) this.generations.writing(this.service.name);
    // Every fetch of a client's request carries who the client is; only the same identity's
    // identical queries share a fetch.
    const editor = 'incomingRequestContext' in options ? (options.context as Partial<GatewayContext>).editor : undefined;
    const claims = editor && editorClaimsToToken(editor);
    let answer: SubgraphAnswer;
    try {
      answer = await this.fetches.run(this.options.shareInFlight ? operation : undefined, `${editor?.credentialId ?? ''}\n${body}`, () =>
        this.guard.execute((signal) => this.client.post(body, operation, signal, claims)),
      );
    } catch (error) {
      throw this.clientError(error as Error);
    }
    const generation = answer.headers[DATA_GENERATION_HEADER];
    if (typeof generation === 'string') this.generations.observe(this.service.name, generation);
    noteGeneration(
      (options.context as GenerationsSeen | undefined)?.generationsSeen,
      this.service.name,
      typeof generation === 'string' ? generation : undefined,
    );
    // Each caller parses its own copy: the gateway merges into what it receives.
    let response: GatewayResponse;
    try {
      response = JSON.parse(answer.body) as GatewayResponse;
    } catch {
      throw this.clientError(new Error(`answered HTTP ${answer.status} with a body that is not JSON`));
    }
    // Only a client's operation has a response whose cache policy the answer narrows.
    if ('incomingRequestContext' in options) {
      // The gateway's request context types its cache policy loosely; it is Apollo's CachePolicy.
      restrictCachePolicy(options.incomingRequestContext.overallCachePolicy as Parameters<typeof restrictCachePolicy>[0], answer.headers['cache-control']);
    }
    return response;
  }

  private clientError(error: Error): GraphQLError {
    const timedOut = error instanceof SubgraphTimeoutError;
    const circuitOpen = error instanceof CircuitOpenError;
    // Fail-fast refusals would flood the log; the guard logs when the circuit opens and closes.
    if (!circuitOpen) console.warn(`[gateway] ${this.service.name} failed: ${error.message}`);
    const what = describeService(this.service);
    return new GraphQLError(
      timedOut
        ? `${what} did not answer within ${this.options.timeoutMs} ms: its data is missing from this response`
        : `${what} is unavailable: its data is missing from this response`,
      {
        extensions: {
          code: timedOut ? SUBGRAPH_TIMEOUT : SUBGRAPH_UNAVAILABLE,
          subgraph: this.service.name,
          ...(this.service.municipality ? { municipality: this.service.municipality.code } : {}),
          ...(circuitOpen ? { circuit: 'open' } : {}),
        },
      },
    );
  }
}

/** Two answers of one subgraph in one execution with different generations leave it unknown: the data may be mixed. */
function noteGeneration(seen: Map<string, string | undefined> | undefined, subgraph: string, generation: string | undefined): void {
  if (!seen) return;
  seen.set(subgraph, seen.has(subgraph) && seen.get(subgraph) !== generation ? undefined : generation);
}

/** The answer's Cache-Control narrows the whole response's, as Apollo's own data source does. */
function restrictCachePolicy(
  policy: { restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void } | undefined,
  header: string | string[] | undefined,
) {
  if (!policy || !('restrict' in policy)) return;
  const directives = new Map(
    String(header ?? '')
      .split(',')
      .map((directive) => directive.trim().toLowerCase().split('=') as [string, string | undefined]),
  );
  const maxAge = directives.get('max-age');
  policy.restrict({
    maxAge: maxAge && /^\d+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(directives.has('private') ? { scope: 'PRIVATE' } : directives.has('public') ? { scope: 'PUBLIC' } : {}),
  });
}
