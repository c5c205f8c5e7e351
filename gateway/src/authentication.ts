import { bearerTokenOf, type CredentialCheck, type CredentialRefusal, type EditorClaims, parseBearerToken } from '@kyodo/kit';
import type { Request, RequestHandler, Response } from 'express';
import { type AugmentedRequest, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { SubgraphClient } from './subgraph-client';
import type { SubgraphGuard } from './subgraph-guard';
import { RATE_LIMITED } from './write-limits';

/**
 * What the gateway knows of the client behind one request, for every subgraph fetch it makes. The
 * gateway's own reads (exports, source pages) have neither: anonymous.
 */
export interface GatewayContext {
  /** The verified editor; absent for an anonymous reader. */
  editor?: EditorClaims;
  /** The client's address (behind KYODO_TRUST_PROXY proxies), for the per-address write limit. */
  clientAddress?: string;
}

/** The hub's route that says who a bearer token speaks for (subgraphs/hub credential-routes.ts). */
const VERIFY_ROUTE = '/credentials/verify';

/** Why a presented Authorization header is refused, with what the client should do. */
const REFUSALS: Record<CredentialRefusal | 'scheme', string> = {
  scheme: 'the Authorization header must be "Bearer <token>": send the token as `npm run token` printed it, or no Authorization header to read anonymously',
  malformed: 'the bearer token is not a Kyōdō Hub token (kyodo_<id>_<secret>): send it exactly as it was issued, or ask your hub maintainer for one',
  unknown: 'the bearer token is not recognised: ask your hub maintainer for a new token',
  expired: 'the bearer token has expired: ask your hub maintainer for a new token',
  revoked: 'the bearer token has been revoked: ask your hub maintainer for a new token',
};

const unauthenticated = (response: Response, reason: keyof typeof REFUSALS) => {
  response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
  response.status(401).json({ errors: [{ message: REFUSALS[reason], extensions: { code: 'UNAUTHENTICATED', reason } }] });
};

/** Locals the authentication leaves for the GraphQL handler. */
export interface AuthenticatedLocals {
  editor?: EditorClaims;
}

/**
 * Checks the client's bearer token, once per request, with the hub: every time, so that a revoked
 * credential is refused from the very next request. A request without an Authorization header is an
 * anonymous reader, as ever; any other refused header is 401 `UNAUTHENTICATED`, whatever the
 * operation. A malformed token is refused here without asking the hub.
 */
export function authenticate(hub: { client: SubgraphClient; guard: SubgraphGuard }): RequestHandler {
  return async (request, response: Response<unknown, AuthenticatedLocals>, next) => {
    const header = request.get('authorization');
    if (header === undefined) return next();
    const token = bearerTokenOf(header);
    if (token === undefined) return unauthenticated(response, 'scheme');
    if (!parseBearerToken(token)) return unauthenticated(response, 'malformed');
    let check: CredentialCheck;
    try {
      const answer = await hub.guard.execute((signal) => hub.client.postJson(VERIFY_ROUTE, JSON.stringify({ token }), signal));
      check = JSON.parse(answer.body) as CredentialCheck;
    } catch (error) {
      console.warn(`[gateway] bearer token not checked: ${(error as Error).message}`);
      response.setHeader('Retry-After', '5');
      response.status(503).json({
        errors: [
          {
            message: 'your token cannot be checked now: the hub is unavailable; try again shortly',
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'hub' },
          },
        ],
      });
      return;
    }
    if ('refused' in check) return unauthenticated(response, check.refused);
    response.locals.editor = check.claims;
    next();
  };
}

/**
 * Failed authentication is limited per address and per credential id (`perMinute` refusals in a
 * one-minute window, then 429 `RATE_LIMITED` with Retry-After for every request that presents a
 * token), so that guessing secrets is slow from one address and against one credential from many.
 * Successful requests do not count. None when off (0).
 */
export function failedAuthenticationLimits(perMinute: number): RequestHandler[] {
  if (perMinute === 0) return [];
  const limit = (what: string, keyOf: (request: Request) => string | undefined) =>
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: false,
      legacyHeaders: false,
      // Only requests that present a token (and, per credential, a well-formed one) count.
      skip: (request) => keyOf(request) === undefined,
      keyGenerator: (request) => keyOf(request)!,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_request, response) => response.statusCode !== 401,
      handler: (request, response) => {
        const resetTime = (request as AugmentedRequest).rateLimit?.resetTime?.getTime() ?? Date.now() + 60_000;
        const retryAfter = Math.max(1, Math.ceil((resetTime - Date.now()) / 1000));
        response.setHeader('Retry-After', String(retryAfter));
        response.status(429).json({
          errors: [
            {
              message: `too many failed sign-ins ${what}: at most ${perMinute} a minute; try again in ${retryAfter} s with a valid token, or ask your hub maintainer for one`,
              extensions: { code: RATE_LIMITED },
            },
          ],
        });
      },
    });
  return [
    // An IPv6 client's whole /56 counts as one address, as express-rate-limit advises.
    limit('from this address', (request) => (request.get('authorization') === undefined ? undefined : ipKeyGenerator(request.ip ?? ''))),
    limit('with this credential', (request) => {
      const header = request.get('authorization');
      const token = header === undefined ? undefined : bearerTokenOf(header);
      return token === undefined ? undefined : parseBearerToken(token)?.id;
    }),
  ];
}
