import { parse as parseUrl } from 'node:url';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { RequestHandler } from 'express';

/** The request headers that can change Apollo's answer; every other header is ignored by it. */
const ANSWER_HEADERS = ['content-type', 'accept', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Apollo Server over express, with identical reads that arrive while one is being answered sharing
 * that one execution: a popular widget or dashboard query under a burst of visitors costs the
 * gateway and the subgraphs once. Nothing is kept after the answer is sent, so no one is ever
 * served stale data; the API has no mutations and no per-user context, so identical requests
 * cannot need different answers.
 */
export function graphqlHandler(apollo: ApolloServer, { shareInFlight }: { shareInFlight: boolean }): RequestHandler {
  const inFlight = new Map<string, Promise<HTTPGraphQLResponse>>();
  return async (request, response, next) => {
    try {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const httpGraphQLRequest = { method: request.method.toUpperCase(), headers, search: parseUrl(request.url).search ?? '', body: request.body };
      const execute = () => apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => ({}) });
      // An incrementally delivered answer is a stream that only one client can read.
      const shared = shareInFlight && !(headers.get('accept')?.includes('multipart/mixed') ?? false);
      const key = JSON.stringify([httpGraphQLRequest.method, httpGraphQLRequest.search, request.body, ANSWER_HEADERS.map((name) => headers.get(name))]);
      let answer = shared ? inFlight.get(key) : undefined;
      if (!answer) {
        answer = execute();
        if (shared) {
          inFlight.set(key, answer);
          const forget = () => inFlight.delete(key);
          answer.then(forget, forget);
        }
      }
      const { status, headers: answerHeaders, body } = await answer;
      for (const [name, value] of answerHeaders) response.setHeader(name, value);
      response.statusCode = status ?? 200;
      if (body.kind === 'complete') {
        response.send(body.string);
        return;
      }
      for await (const chunk of body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      next(error);
    }
  };
}
