import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EditorClaims } from '../subgraph/gateway-auth';

/**
 * An editor's bearer token: `kyodo_<public id>_<secret>`. The public id (16 hex digits) names the
 * credential in lists and revocations; only the SHA-256 of the secret (32 random bytes, base64url) is
 * stored, so the token is shown once and a copy of the database cannot be used to sign in.
 */
const TOKEN_PATTERN = /^kyodo_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface BearerToken {
  id: string;
  secret: string;
}

/** A new credential's id and secret, and the token that carries both. */
export function newBearerToken(): BearerToken & { token: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `kyodo_${id}_${secret}` };
}

/** The id and secret of a well-formed token, or undefined: a malformed token never reaches the store. */
export function parseBearerToken(token: string): BearerToken | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/** What the store keeps of a secret. */
export const hashOfSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Whether a secret is the one whose hash was stored, in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashOfSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The token of an `Authorization: Bearer <token>` header; undefined when the header is not of that scheme. */
export function bearerTokenOf(header: string): string | undefined {
  const match = /^Bearer +(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/** Why the hub refuses a bearer token. `unknown` covers a wrong secret too: the answer never tells which ids exist. */
export type CredentialRefusal = 'malformed' | 'unknown' | 'expired' | 'revoked';

/** The hub's answer on a bearer token: the verified editor, or why not. */
export type CredentialCheck = { claims: EditorClaims } | { refused: CredentialRefusal };
