import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDirectory, isLoopback } from '../runtime/env';

/**
 * How a maintainer's command reaches a subgraph that holds an embedded (PGlite) database, which
 * only one process may open: through the running subgraph itself (or, for a command that must open
 * the database, not at all while it runs). While it runs, every subgraph on PGlite keeps
 * `<data folder>/<name>.maintainer.json` (mode 0600: readable only by the account that runs the
 * hub) with its process id, its URL once it listens, and a key made for this run; its maintainer
 * routes answer only loopback callers that present that key. The file is written before the
 * database is opened, so a command never opens the database beside a subgraph that is starting.
 */
export const MAINTAINER_KEY_HEADER = 'kyodo-maintainer-key';

interface Announcement {
  pid: number;
  key: string;
  url?: string;
}

const fileOf = (name: string) => path.join(dataDirectory, `${name}.maintainer.json`);

function write(file: string, announcement: Announcement) {
  mkdirSync(path.dirname(file), { recursive: true });
  // Created 0600 under a fresh name, then renamed: the key is never readable by others, even briefly.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(announcement), { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
}

/** The subgraph's side: claims maintainer access for this process, announces its URL, and withdraws. */
export function claimMaintainerAccess(name: string) {
  const file = fileOf(name);
  const key = randomBytes(32).toString('base64url');
  write(file, { pid: process.pid, key });
  return {
    announce: (url: string) => write(file, { pid: process.pid, key, url }),
    /** Whether a request may use the maintainer routes: from this machine, with this run's key. */
    admits(remoteAddress: string | undefined, presented: string | undefined): boolean {
      const address = remoteAddress?.replace(/^::ffff:/, '');
      if (!address || !isLoopback(address) || !presented) return false;
      const given = Buffer.from(presented);
      const expected = Buffer.from(key);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    withdraw() {
      const current = readAnnouncement(file);
      if (current?.key === key) rmSync(file, { force: true });
    },
  };
}

function readAnnouncement(file: string): Announcement | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Announcement;
  } catch {
    return undefined;
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another account's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The process that holds a subgraph's embedded database now (running or starting), if any. */
export function embeddedDatabaseHolder(name: string): number | undefined {
  const announcement = readAnnouncement(fileOf(name));
  return announcement && isAlive(announcement.pid) ? announcement.pid : undefined;
}

/** A running subgraph refused or could not take a maintainer's command. */
export class MaintainerAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaintainerAccessError';
  }
}

/**
 * The maintainer's side: POSTs a command to the running subgraph's maintainer route and returns
 * its answer, or undefined when no process of that subgraph runs on this data folder (the caller
 * may then open the database itself).
 */
export async function callMaintainerRoute(name: string, route: string, body: unknown): Promise<{ status: number; body: unknown } | undefined> {
  const announcement = readAnnouncement(fileOf(name));
  if (!announcement || !isAlive(announcement.pid)) return undefined;
  if (!announcement.url) throw new MaintainerAccessError(`the ${name} (process ${announcement.pid}) is starting: try again in a few seconds`);
  let response: Response;
  try {
    response = await fetch(new URL(route, announcement.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [MAINTAINER_KEY_HEADER]: announcement.key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new MaintainerAccessError(`the ${name} (process ${announcement.pid}) does not answer at ${announcement.url}: ${(error as Error).message}`);
  }
  return { status: response.status, body: await response.json() };
}
