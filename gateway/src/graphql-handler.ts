import type { ApolloServer } from '@apollo/server';
import { executeWhole, httpGraphQLRequestOf, sendWhole, type WholeAnswer } from '@kyodo/kit';
import { OperationTypeNode } from 'graphql';
import type { Request, RequestHandler } from 'express';
import { operationTypeOf, SingleFlight } from './single-flight';

/** The request headers that can change Apollo's answer; every other header is ignored by it. */
const ANSWER_HEADERS = ['content-type', 'accept', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Apollo Server over express, with identical queries in flight sharing one execution (see
 * SingleFlight). The API has no per-user context, so identical requests cannot need different answers.
 */
export function graphqlHandler(apollo: ApolloServer, { shareInFlight }: { shareInFlight: boolean }): RequestHandler {
  const answers = new SingleFlight<WholeAnswer>();
  return async (request, response, next) => {
    try {
      const httpGraphQLRequest = httpGraphQLRequestOf(request);
      const { headers } = httpGraphQLRequest;
      if (headers.get('accept')?.includes('multipart/mixed')) {
        // Incremental delivery is a stream that only one client can read: never shared, sent as it comes.
        const { status, headers: answerHeaders, body } = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => Promise.resolve({}) });
        for (const [name, value] of answerHeaders) response.setHeader(name, value);
        response.status(status ?? 200);
        if (body.kind === 'complete') response.send(body.string);
        else {
          for await (const chunk of body.asyncIterator) response.write(chunk);
          response.end();
        }
        return;
      }
      const key = JSON.stringify([httpGraphQLRequest.method, httpGraphQLRequest.search, request.body, ANSWER_HEADERS.map((name) => headers.get(name))]);
      const answer = await answers.run(shareInFlight ? operationOf(request) : undefined, key, () =>
        executeWhole(apollo, httpGraphQLRequest, () => Promise.resolve({})),
      );
      sendWhole(response, answer);
    } catch (error) {
      next(error);
    }
  };
}

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
