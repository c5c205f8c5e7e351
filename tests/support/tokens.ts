import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TOKEN_CLI = path.join(__dirname, '..', '..', 'subgraphs', 'hub', 'dist', 'token-cli.js');

/** A stack whose database the maintainer's command should reach (a TestStack has one). */
export interface WithDatabase {
  database: { env: NodeJS.ProcessEnv };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `npm run token -- <args>` as the maintainer would, against the stack's database; never throws on a non-zero exit. */
export async function tokenCommand(stack: WithDatabase, args: string[]): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [TOKEN_CLI, ...args], { env: { ...process.env, ...stack.database.env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

export interface IssuedToken {
  /** The credential's public id (for --revoke). */
  id: string;
  /** The bearer token, as the command printed it on its last line. */
  token: string;
}

/** A real editor's token issued by the running stack's hub, as `npm run token` issues it. */
export async function issueToken(stack: WithDatabase, holder: { municipality: string; name: string; expires?: string; role?: string }): Promise<IssuedToken> {
  const args = ['--municipality', holder.municipality, '--role', holder.role ?? 'editor', '--name', holder.name];
  const result = await tokenCommand(stack, holder.expires ? [...args, '--expires', holder.expires] : args);
  if (result.code !== 0) throw new Error(`npm run token failed (${result.code}): ${result.stderr}`);
  const token = result.stdout.trimEnd().split('\n').at(-1)!;
  return { id: /^kyodo_([0-9a-f]+)_/.exec(token)![1]!, token };
}

/** Revokes a credential through the maintainer's command. */
export async function revokeToken(stack: WithDatabase, id: string): Promise<void> {
  const result = await tokenCommand(stack, ['--revoke', id]);
  if (result.code !== 0) throw new Error(`npm run token -- --revoke failed (${result.code}): ${result.stderr}`);
}

/** `Authorization` header of a bearer token, to spread into a request's headers. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
