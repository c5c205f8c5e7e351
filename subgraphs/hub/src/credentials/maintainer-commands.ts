import { checkSeeds, type EditorClaims, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import type { CredentialStore, CredentialView } from './credential.store';

/** What the maintainer asks of the credential store, from the command line or through the running hub. */
export type MaintainerCommand =
  { action: 'issue'; municipality: string; role: string; name: string; expires?: string } | { action: 'revoke'; id: string } | { action: 'list' };

export type MaintainerAnswer = { issued: CredentialView; token: string } | { revoked: CredentialView } | { credentials: CredentialView[] };

/** A command that cannot be carried out as given: the maintainer's mistake (the CLI exits with 2). */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

const ROLES: readonly EditorClaims['role'][] = ['editor'];
export const DEFAULT_LIFETIME = '90d';
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
/** A credential outlives no municipality's fiscal year by much: reissue rather than keep one for ever. */
const MAX_LIFETIME_SECONDS = 366 * 86_400;
const MAX_NAME_LENGTH = 100;

/** Seconds of a lifetime such as `90d`, `12h`, `30m` or `45s`. */
export function lifetimeSecondsOf(duration: string): number {
  const match = /^([1-9]\d{0,6})([smhd])$/.exec(duration);
  if (!match) throw new CommandError(`--expires ${JSON.stringify(duration)}: expected a number and a unit (s, m, h or d), e.g. 90d`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds > MAX_LIFETIME_SECONDS) throw new CommandError(`--expires ${duration}: at most 366d; issue a new token when it runs out`);
  return seconds;
}

/** A command from untrusted JSON (the running hub's maintainer route), checked field by field. */
export function commandOf(value: unknown): MaintainerCommand {
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const text = (name: string, required = true) => {
    const field = fields[name];
    if (field === undefined && !required) return undefined;
    if (typeof field !== 'string') throw new CommandError(`${name}: expected a string`);
    return field;
  };
  switch (fields.action) {
    case 'issue':
      return { action: 'issue', municipality: text('municipality')!, role: text('role')!, name: text('name')!, expires: text('expires', false) };
    case 'revoke':
      return { action: 'revoke', id: text('id')! };
    case 'list':
      return { action: 'list' };
    default:
      throw new CommandError('action: expected issue, revoke or list');
  }
}

/** Carries a command out against the store; every check that can fail comes before any write. */
export async function runCommand(store: CredentialStore, command: MaintainerCommand): Promise<MaintainerAnswer> {
  switch (command.action) {
    case 'issue': {
      const registry = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).municipalities;
      if (!registry.some((municipality) => municipality.code === command.municipality)) {
        throw new CommandError(
          `--municipality ${command.municipality}: not in the hub's registry (seeds/hub/municipalities.yaml); known: ${registry.map((m) => `${m.code} ${m.nameEn}`).join(', ')}`,
        );
      }
      const role = ROLES.find((candidate) => candidate === command.role);
      if (!role) throw new CommandError(`--role ${command.role}: expected one of ${ROLES.join(', ')}`);
      const name = command.name.trim();
      // The name becomes the author of every revision: one readable line.
      if (!name || name.length > MAX_NAME_LENGTH || /\p{Cc}/u.test(name)) {
        throw new CommandError(`--name: expected the holder's name, 1 to ${MAX_NAME_LENGTH} characters on one line`);
      }
      const lifetimeSeconds = lifetimeSecondsOf(command.expires ?? DEFAULT_LIFETIME);
      const { credential, token } = await store.issue({ municipality: command.municipality, role, name, lifetimeSeconds });
      return { issued: credential, token };
    }
    case 'revoke': {
      const revoked = await store.revoke(command.id);
      if (!revoked) throw new CommandError(`--revoke ${command.id}: no credential has that id (npm run token -- --list shows them)`);
      return { revoked };
    }
    case 'list':
      return { credentials: await store.list() };
  }
}
