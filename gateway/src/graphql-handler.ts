import type { ApolloServer } from '@apollo/server';
import { executeWhole, httpGraphQLRequestOf, sendWhole, type WholeAnswer } from '@kyodo/kit';
import { OperationTypeNode } from 'graphql';
import type { Request, RequestHandler, Response } from 'express';
import type { AuthenticatedLocals, GatewayContext } from './authentication';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import type { GenerationsSeen, ResponseCache } from './response-cache';
import { operationTypeOf, SingleFlight } from './single-flight';

/** The request headers that can change Apollo's answer; every other header is ignored by it. */
const ANSWER_HEADERS = ['content-type', 'accept', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Apollo Server over express, with identical queries in flight sharing one execution (see
 * SingleFlight). The answer depends on the request and on who asks (an editor's identity, verified
 * by `authenticate` before this handler), so only identical queries of one identity are shared.
 * Given a cache, answers to public queries (no Authorization header, so no identity) are kept
 * while their data is current (see ResponseCache).
 */
export function graphqlHandler(
  apollo: ApolloServer<GatewayContext>,
  { shareInFlight, cache }: { shareInFlight: boolean; cache?: ResponseCache },
): RequestHandler {
  const answers = new SingleFlight<WholeAnswer>();
  return async (request, response: Response<unknown, AuthenticatedLocals>, next) => {
    try {
      const httpGraphQLRequest = httpGraphQLRequestOf(request);
      const { headers } = httpGraphQLRequest;
      const { editor } = response.locals;
      const context = () => Promise.resolve<GatewayContext>({ editor, clientAddress: request.ip ?? '' });
      if (headers.get('accept')?.includes('multipart/mixed')) {
        // Incremental delivery is a stream that only one client can read: never shared, sent as it comes.
        const { status, headers: answerHeaders, body } = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
        for (const [name, value] of answerHeaders) response.setHeader(name, value);
        response.status(status ?? 200);
        if (body.kind === 'complete') response.send(body.string);
        else {
          for await (const chunk of body.asyncIterator) response.write(chunk);
          response.end();
        }
        return;
      }
      const key = JSON.stringify([
        editor?.credentialId ?? null,
        httpGraphQLRequest.method,
        httpGraphQLRequest.search,
        request.body,
        ANSWER_HEADERS.map((name) => headers.get(name)),
      ]);
      const operation = operationOf(request);
      const cached = cache && operation === OperationTypeNode.QUERY && !editor && !headers.has('authorization') ? cache : undefined;
      const kept = await cached?.lookup(key);
      if (kept) {
        // The kept answer's headers but this request's id, as Apollo would have given it.
        sendWhole(response, kept, { ...varyByAuthorization(kept), [REQUEST_ID_HEADER]: requestIdFor(headers.get(REQUEST_ID_HEADER)) });
        return;
      }
      const answer = await answers.run(shareInFlight ? operation : undefined, key, async () => {
        const generationsSeen = new Map<string, string | undefined>();
        const executed = await executeWhole(apollo, httpGraphQLRequest, async (): Promise<GatewayContext & GenerationsSeen> => ({
          ...(await context()),
          generationsSeen,
        }));
        cached?.store(key, executed, generationsSeen);
        return executed;
      });
      // An editor's answer is theirs: no shared cache may keep it and serve it to someone else.
      sendWhole(response, answer, { ...varyByAuthorization(answer), ...(editor ? { 'cache-control': 'private, no-store' } : {}) });
    } catch (error) {
      next(error);
    }
  };
}

/** No cache may answer a request with a token from an anonymous answer: the token must be checked. */
const varyByAuthorization = (answer: WholeAnswer) => ({ vary: [answer.headers.get('vary'), 'Authorization'].filter(Boolean).join(', ') });

/**
 * What a request runs. A GET can only run a query (Apollo refuses anything else over GET), which
 * covers persisted queries sent by hash alone; a POST's document is parsed (once per document).
 */
function operationOf(request: Request): OperationTypeNode | undefined {
  if (request.method === 'GET') return OperationTypeNode.QUERY;
  const body = request.body as { query?: unknown; operationName?: unknown } | undefined;
  if (typeof body?.query !== 'string') return undefined;
  return operationTypeOf(body.query, typeof body.operationName === 'string' ? body.operationName : undefined);
}
