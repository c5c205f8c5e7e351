import { type CredentialCheck, type EditorClaims, hashOfSecret, newBearerToken, parseBearerToken, secretMatches } from '@kyodo/kit';
import type { DataSource } from 'typeorm';
import { Credential } from './credential.entity';

/** A credential as the maintainer sees it: never its secret or hash. */
export interface CredentialView {
  id: string;
  municipality: string;
  role: string;
  name: string;
  created: string;
  expires: string;
  revoked: string | null;
}

export const viewOf = (credential: Credential): CredentialView => ({
  id: credential.id,
  municipality: credential.municipality,
  role: credential.role,
  name: credential.name,
  created: credential.createdAt.toISOString(),
  expires: credential.expiresAt.toISOString(),
  revoked: credential.revokedAt?.toISOString() ?? null,
});

/** The hub's credentials table: issue, list, revoke, and check a presented token. */
export class CredentialStore {
  constructor(private readonly dataSource: DataSource) {}

  private get credentials() {
    return this.dataSource.getRepository(Credential);
  }

  /** Stores a new credential and returns it with its token, which exists nowhere else afterwards. */
  async issue(holder: {
    municipality: string;
    role: EditorClaims['role'];
    name: string;
    lifetimeSeconds: number;
  }): Promise<{ credential: CredentialView; token: string }> {
    const { id, secret, token } = newBearerToken();
    const createdAt = new Date();
    const credential = await this.credentials.save({
      id,
      municipality: holder.municipality,
      role: holder.role,
      name: holder.name,
      secretSha256: hashOfSecret(secret),
      createdAt,
      expiresAt: new Date(createdAt.getTime() + holder.lifetimeSeconds * 1000),
      revokedAt: null,
    });
    return { credential: viewOf(credential), token };
  }

  async list(): Promise<CredentialView[]> {
    return (await this.credentials.find({ order: { createdAt: 'ASC', id: 'ASC' } })).map(viewOf);
  }

  /** Revokes a credential (a second revocation keeps the first date); undefined when no credential has that id. */
  async revoke(id: string): Promise<CredentialView | undefined> {
    await this.credentials
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    const credential = await this.credentials.findOneBy({ id });
    return credential ? viewOf(credential) : undefined;
  }

  /** Who a bearer token speaks for, read afresh each time so that a revocation counts at once. */
  async check(token: string, now = new Date()): Promise<CredentialCheck> {
    const parsed = parseBearerToken(token);
    if (!parsed) return { refused: 'malformed' };
    const credential = await this.credentials.findOneBy({ id: parsed.id });
    if (!credential || !secretMatches(parsed.secret, credential.secretSha256)) return { refused: 'unknown' };
    if (credential.revokedAt) return { refused: 'revoked' };
    if (credential.expiresAt <= now) return { refused: 'expired' };
    if (credential.role !== 'editor') return { refused: 'unknown' };
    return { claims: { credentialId: credential.id, author: credential.name, municipality: credential.municipality, role: credential.role } };
  }
}
