import { type ExtraClaims, RESPONSE_SIGNATURE_HEADER, type requestSigner, type SubgraphService } from '@kyodo/kit';
import { OperationTypeNode } from 'graphql';
import { errors, Pool } from 'undici';

/** A subgraph's answer, read whole. */
export interface SubgraphAnswer {
  status: number;
  /** Lower-case header name → value. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The subgraph answered, but not with something the gateway can use; counts as a failure of that subgraph. */
export class SubgraphAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubgraphAnswerError';
  }
}

type Sign = ReturnType<typeof requestSigner>;

/**
 * HTTP to one subgraph over a keep-alive pool (undici). Every request is signed for that subgraph,
 * and an answer counts only with the subgraph's signature over it. Deadlines come from the caller's
 * signal (see SubgraphGuard), which covers the whole exchange, not an idle time.
 */
export class SubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    private readonly service: SubgraphService,
    private readonly sign: Sign,
  ) {
    const url = new URL(service.url);
    this.pool = new Pool(url.origin);
    this.path = `${url.pathname}${url.search}`;
  }

  /**
   * POSTs a GraphQL request body; `claims` (who the client is, as the gateway verified it) ride in
   * the signed request token. The client's own headers are never forwarded.
   */
  post(body: string, operation: OperationTypeNode | undefined, signal: AbortSignal, claims?: ExtraClaims): Promise<SubgraphAnswer> {
    // A query may be sent again when its connection broke before any answer (a kept-alive
    // connection the subgraph had just closed, or a subgraph that restarted): re-signed, since a
    // token is good for one request only. A mutation is never sent twice.
    return this.send('POST', this.path, body, signal, operation === OperationTypeNode.QUERY ? 1 : 0, claims);
  }

  /** POSTs JSON to one of the subgraph's own routes (the hub's credential check); never retried. */
  postJson(path: string, body: string, signal: AbortSignal): Promise<SubgraphAnswer> {
    return this.send('POST', path, body, signal, 0);
  }

  /** The subgraph's readiness (its database answers): throws unless it says so. */
  async probe(signal: AbortSignal): Promise<void> {
    await this.send('GET', '/health/ready', '', signal, 0);
  }

  /** The subgraph's data generation, from its signed answer. */
  async generation(signal: AbortSignal): Promise<string> {
    return (await this.send('GET', '/generation', '', signal, 0)).body;
  }

  /** Closes every connection; requests in flight fail. */
  close(): Promise<void> {
    return this.pool.destroy();
  }

  private async send(method: 'GET' | 'POST', path: string, body: string, signal: AbortSignal, retries: number, claims?: ExtraClaims): Promise<SubgraphAnswer> {
    const signed = await this.sign({ audience: this.service.name, method, path, body, claims });
    let answer: SubgraphAnswer;
    try {
      const response = await this.pool.request({
        method,
        path,
        headers: { ...signed.headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        body: method === 'POST' ? body : undefined,
        signal,
      });
      answer = { status: response.statusCode, headers: response.headers, body: await response.body.text() };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (retries > 0 && isBrokenConnection(error)) return this.send(method, path, body, signal, retries - 1, claims);
      throw error;
    }
    const signature = answer.headers[RESPONSE_SIGNATURE_HEADER];
    if (!signed.verifyResponse({ status: answer.status, body: answer.body, signature: typeof signature === 'string' ? signature : undefined })) {
      // A subgraph that refuses the gateway's token answers unsigned: say why, for the operator.
      throw new SubgraphAnswerError(
        answer.status === 401 ? `refused the gateway's token: ${answer.body.slice(0, 200)}` : `answered HTTP ${answer.status} without a valid signature`,
      );
    }
    if (answer.status >= 500) throw new SubgraphAnswerError(`answered HTTP ${answer.status}${degradation(answer.body)}`);
    return answer;
  }
}

/** What a degraded subgraph says of itself on /health/ready (records that failed to load), if it does. */
function degradation(body: string): string {
  try {
    const { status, problems } = JSON.parse(body) as { status?: string; problems?: string[] };
    return status === 'degraded' && problems?.length ? `: degraded: ${problems.join('; ')}` : '';
  } catch {
    return '';
  }
}

/** The connection closed or was reset before an answer arrived. */
function isBrokenConnection(error: unknown): boolean {
  return error instanceof errors.SocketError || (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET';
}
