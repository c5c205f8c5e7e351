import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

/**
 * How the gateway and the subgraphs know each other: both hold one shared secret (set by the
 * operator, or generated per run by the stack). The gateway signs every subgraph request with a
 * short-lived JWT bound to that request (audience = the subgraph, a unique id, the method, path and a
 * hash of the body); the subgraph refuses anything else and signs its answer bound to that token
 * id, which the gateway checks. The token is a JWT so that later claims (who is asking, on whose
 * behalf) ride in it, verified by the same code.
 */
export const REQUEST_TOKEN_HEADER = 'kyodo-gateway-token';
export const RESPONSE_SIGNATURE_HEADER = 'kyodo-subgraph-signature';

/** Seconds a request token lives: long enough for clock skew between hosts, short enough to be useless when stolen. */
export const TOKEN_LIFETIME_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;
const ISSUER = 'kyodo-gateway';

/** Claims a later issue may add (who is asking); the request-binding claims cannot be overridden. */
export type ExtraClaims = Record<string, string | number | boolean | string[]>;

export interface RequestToSign {
  /** The subgraph's name: a token for one subgraph is refused by every other. */
  audience: string;
  method: string;
  /** Path and query string, e.g. "/graphql" or "/health/ready". */
  path: string;
  body: string | Buffer;
  claims?: ExtraClaims;
}

export interface SignedRequest {
  /** Headers to send with the request. */
  headers: Record<string, string>;
  /** Whether a response carries the subgraph's signature over this request's token, its status and its body. */
  verifyResponse(response: { status: number; body: string | Buffer; signature: string | undefined }): boolean;
}

export type VerifiedRequest = Jose.JWTPayload & { jti: string; exp: number };

/**
 * Who a write is for, as the gateway verified it from the client's bearer token. It rides in the
 * gateway's signed request token under these claim names, so a subgraph trusts it exactly as far as
 * it trusts the request itself, and a request without it carries no identity at all.
 */
export interface EditorClaims {
  /** The credential's public id (what `npm run token -- --revoke <id>` names). */
  credentialId: string;
  /** The holder's name, as the maintainer issued it: the author of every revision made with it. */
  author: string;
  /** Six-digit local government code of the one municipality whose records the holder may change. */
  municipality: string;
  role: 'editor';
}

const EDITOR_CLAIMS = { credentialId: 'kyodo_cred', author: 'kyodo_author', municipality: 'kyodo_municipality', role: 'kyodo_role' } as const;

/** The claims to add to a request token for a verified editor. */
export function editorClaimsToToken(claims: EditorClaims): ExtraClaims {
  return Object.fromEntries(Object.entries(EDITOR_CLAIMS).map(([field, claim]) => [claim, claims[field as keyof EditorClaims]]));
}

/** The editor a verified request token speaks for, or undefined when it carries none (or an incomplete set). */
export function editorClaimsOf(request: VerifiedRequest): EditorClaims | undefined {
  const values = Object.fromEntries(Object.entries(EDITOR_CLAIMS).map(([field, claim]) => [field, request[claim]]));
  if (Object.values(values).some((value) => typeof value !== 'string' || value === '')) return undefined;
  if (values.role !== 'editor') return undefined;
  return values as unknown as EditorClaims;
}

/** The role a verified request token names, complete claims or not: a role that may not edit is told so rather than asked to sign in. */
export function claimedRoleOf(request: VerifiedRequest): string | undefined {
  const role = request[EDITOR_CLAIMS.role];
  return typeof role === 'string' ? role : undefined;
}

/** Why a request was refused, as the subgraph tells the caller. */
export type RefusalReason = 'missing' | 'forged' | 'expired' | 'replayed' | 'wrong audience' | 'not bound to this request';

export class RefusedRequestError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: RefusalReason) {
    super(`request refused: ${reason === 'missing' ? 'no gateway token' : `gateway token ${reason}`}`);
    this.name = 'RefusedRequestError';
  }
}

/** jose ships as an ES module only; loaded once, on first use. */
let jose: Promise<typeof Jose> | undefined;
const loadJose = () => (jose ??= import('jose'));

/** Separate keys for the two directions, derived from the one secret, so neither signature can stand in for the other. */
function keysOf(secret: string) {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'kyodo-hub', info, 32));
  return { token: derive('gateway request token'), response: derive('subgraph response signature') };
}

const sha256 = (body: string | Buffer) => createHash('sha256').update(body).digest('base64url');

function responseSignature(key: Buffer, tokenId: string, status: number, body: string | Buffer): string {
  return createHmac('sha256', key)
    .update(`${tokenId}\n${status}\n${sha256(body)}`)
    .digest('base64url');
}

/** The gateway's side: signs requests and checks the answers. */
export function requestSigner(secret: string) {
  const keys = keysOf(secret);
  return async function sign({ audience, method, path, body, claims = {} }: RequestToSign): Promise<SignedRequest> {
    const { SignJWT } = await loadJose();
    const tokenId = randomUUID();
    const token = await new SignJWT({ ...claims, htm: method.toUpperCase(), htu: path, bh: sha256(body) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setJti(tokenId)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(keys.token);
    return {
      headers: { [REQUEST_TOKEN_HEADER]: token },
      verifyResponse: ({ status, body: answer, signature }) => {
        if (!signature) return false;
        const expected = Buffer.from(responseSignature(keys.response, tokenId, status, answer));
        const given = Buffer.from(signature);
        return given.length === expected.length && timingSafeEqual(given, expected);
      },
    };
  };
}

/** The subgraph's side: checks each request's token once, and signs the answer to it. */
export function requestVerifier(secret: string, audience: string) {
  const keys = keysOf(secret);
  /** Token ids seen and not yet expired, in arrival order (which is expiry order: every token lives as long). */
  const seen = new Map<string, number>();
  const forgetExpired = (now: number) => {
    for (const [id, expiry] of seen) {
      if (expiry + CLOCK_TOLERANCE_SECONDS >= now) break;
      seen.delete(id);
    }
  };
  return {
    /** Resolves to the verified claims, or rejects with a RefusedRequestError saying why. */
    async verify({ token, method, path, body }: { token: string | undefined; method: string; path: string; body: string | Buffer }): Promise<VerifiedRequest> {
      if (!token) throw new RefusedRequestError('missing');
      const { jwtVerify, errors } = await loadJose();
      let payload: Jose.JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys.token, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          maxTokenAge: TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['jti', 'exp', 'iat', 'htm', 'htu', 'bh'],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new RefusedRequestError('expired');
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') throw new RefusedRequestError('wrong audience');
        throw new RefusedRequestError('forged');
      }
      if (payload.htm !== method.toUpperCase() || payload.htu !== path || payload.bh !== sha256(body)) {
        throw new RefusedRequestError('not bound to this request');
      }
      const now = Math.floor(Date.now() / 1000);
      forgetExpired(now);
      const id = payload.jti!;
      if (seen.has(id)) throw new RefusedRequestError('replayed');
      seen.set(id, payload.exp!);
      return payload as VerifiedRequest;
    },
    /** The signature header value for an answer to a verified request. */
    signResponse(request: VerifiedRequest, status: number, body: string | Buffer): string {
      return responseSignature(keys.response, request.jti, status, body);
    },
  };
}

/**
 * The headers that let one request to a subgraph URL through, for callers other than the gateway
 * (the tests, the benchmark's direct path). Each call makes a new token: one token, one request.
 */
export async function signedHeaders(
  sign: ReturnType<typeof requestSigner>,
  request: { subgraph: string; url: string; method?: string; body?: string },
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const signed = await sign({ audience: request.subgraph, method: request.method ?? 'POST', path: `${url.pathname}${url.search}`, body: request.body ?? '' });
  return signed.headers;
}
