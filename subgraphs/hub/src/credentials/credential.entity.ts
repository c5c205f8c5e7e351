import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An editor's credential as the hub keeps it: who holds it and for what, never the secret itself. */
@Entity('credential')
export class Credential {
  /** The token's public id (16 hex digits). */
  @PrimaryColumn('text')
  id: string;

  /** Local government code of the one municipality whose records it may change. */
  @Column('text')
  municipality: string;

  @Column('text')
  role: string;

  /** Who holds it: the author of every revision made with it. */
  @Column('text')
  name: string;

  /** Hex SHA-256 of the token's secret. */
  @Column('text', { name: 'secret_sha256' })
  secretSha256: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
