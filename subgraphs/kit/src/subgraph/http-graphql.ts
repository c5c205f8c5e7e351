import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { Request, Response } from 'express';

/**
 * Apollo Server's own HTTP request from an express request whose body is already parsed. Both the
 * gateway and the subgraphs call Apollo through this instead of a framework integration, because
 * each needs the whole answer in hand before sending it (the gateway to share it, a subgraph to
 * sign it).
 */
export function httpGraphQLRequestOf(request: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const query = request.originalUrl.indexOf('?');
  return { method: request.method.toUpperCase(), headers, search: query === -1 ? '' : request.originalUrl.slice(query), body: request.body };
}

/** Runs one HTTP GraphQL request to its end and returns the answer whole (a streamed one concatenated). */
export async function executeWhole<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  httpGraphQLRequest: HTTPGraphQLRequest,
  context: () => Promise<Context>,
): Promise<WholeAnswer> {
  const { status, headers, body } = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
  if (body.kind === 'complete') return { status: status ?? 200, headers, body: body.string };
  let text = '';
  for await (const chunk of body.asyncIterator) text += chunk;
  return { status: status ?? 200, headers, body: text };
}

export interface WholeAnswer {
  status: number;
  headers: HTTPGraphQLResponse['headers'];
  body: string;
}

export function sendWhole(response: Response, answer: WholeAnswer, extraHeaders: Record<string, string> = {}): void {
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
  response.status(answer.status).send(answer.body);
}
