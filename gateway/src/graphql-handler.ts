import type { ApolloServer } from '@apollo/server';
import { executeWhole, httpGraphQLRequestOf, sendWhole, type WholeAnswer } from '@kyodo/kit';
import { OperationTypeNode } from 'graphql';
import type { Request, RequestHandler, Response } from 'express';
import type { AuthenticatedLocals, GatewayContext } from './authentication';
import { operationTypeOf, SingleFlight } from './single-flight';

/** The request headers that can change Apollo's answer; every other header is ignored by it. */
const ANSWER_HEADERS = ['content-type', 'accept', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Apollo Server over express, with identical queries in flight sharing one execution (see
 * SingleFlight). The answer depends on the request and on who asks (an editor's identity, verified
 * by `authenticate` before this handler), so only identical queries of one identity are shared.
 */
export function graphqlHandler(apollo: ApolloServer<GatewayContext>, { shareInFlight }: { shareInFlight: boolean }): RequestHandler {
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
      const answer = await answers.run(shareInFlight ? operationOf(request) : undefined, key, () => executeWhole(apollo, httpGraphQLRequest, context));
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
