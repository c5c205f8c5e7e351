import { parseArgs } from 'node:util';
import { callMaintainerRoute, describeDatabase, MaintainerAccessError, openDatabase, readEnvironment } from '@kyodo/kit';
import { Concept } from './concept.entity';
import { Credential } from './credentials/credential.entity';
import { MAINTAINER_ROUTE } from './credentials/credential-routes';
import { CredentialStore, type CredentialView } from './credentials/credential.store';
import { CommandError, DEFAULT_LIFETIME, type MaintainerAnswer, type MaintainerCommand, runCommand } from './credentials/maintainer-commands';
import { HUB_MIGRATIONS } from './migrations';
import { Municipality } from './municipality.entity';

const USAGE = `usage:
  npm run token -- --municipality <code> --role editor --name <who> [--expires <duration, default ${DEFAULT_LIFETIME}>]
  npm run token -- --revoke <id>
  npm run token -- --list`;

/** The command the arguments ask for; a CommandError when they ask for none, or for two. */
function commandFromArguments(args: string[]): MaintainerCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        municipality: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        expires: { type: 'string' },
        revoke: { type: 'string' },
        list: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  const { municipality, role, name, expires, revoke, list } = values;
  const issuing = [municipality, role, name, expires].some((value) => value !== undefined);
  if ([issuing, revoke !== undefined, list === true].filter(Boolean).length !== 1) throw new CommandError('ask for one thing: issue, --revoke or --list');
  if (revoke !== undefined) return { action: 'revoke', id: revoke };
  if (list) return { action: 'list' };
  if (municipality === undefined || role === undefined || name === undefined) throw new CommandError('issuing a token needs --municipality, --role and --name');
  return { action: 'issue', municipality, role, name, expires };
}

/**
 * Through the running hub when it holds the embedded database (one process per PGlite folder),
 * else straight to the database: PostgreSQL takes any number of connections, and an embedded
 * database that no hub holds may be opened here.
 */
async function carryOut(command: MaintainerCommand): Promise<MaintainerAnswer> {
  const databaseUrl = readEnvironment().DATABASE_URL;
  if (!databaseUrl) {
    const answer = await callMaintainerRoute('hub', MAINTAINER_ROUTE, command);
    if (answer) {
      if (answer.status === 400) throw new CommandError((answer.body as { error: string }).error);
      if (answer.status !== 200) throw new MaintainerAccessError(`the running hub answered HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body as MaintainerAnswer;
    }
  }
  const database = await openDatabase({ schema: 'hub', entities: [Municipality, Concept, Credential], migrations: HUB_MIGRATIONS, databaseUrl });
  try {
    return await runCommand(new CredentialStore(database.dataSource), command);
  } finally {
    await database.close();
  }
}

const describe = (credential: CredentialView) =>
  `${credential.id} for ${credential.municipality}, role ${credential.role}, held by ${credential.name}, expires ${credential.expires}`;

function print(answer: MaintainerAnswer) {
  if ('token' in answer) {
    console.log(`issued credential ${describe(answer.issued)}`);
    console.log('The token follows, shown this once: only its hash is kept. Send it as "Authorization: Bearer <token>".');
    console.log(answer.token);
  } else if ('revoked' in answer) {
    console.log(`revoked credential ${describe(answer.revoked)} at ${answer.revoked.revoked}`);
  } else {
    const header = ['id', 'municipality', 'role', 'name', 'created', 'expires', 'revoked'] as const;
    const rows = [header.map((field) => field as string), ...answer.credentials.map((credential) => header.map((field) => credential[field] ?? '-'))];
    const widths = header.map((_field, column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows)
      console.log(
        row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd(),
      );
  }
}

async function main() {
  try {
    print(await carryOut(commandFromArguments(process.argv.slice(2))));
    // Explicitly: after a closed embedded database, PGlite's runtime can keep the process waiting.
    process.exit(0);
  } catch (error) {
    if (error instanceof CommandError) {
      console.error(`token: ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    const where = describeDatabase(readEnvironment().DATABASE_URL, 'hub');
    console.error(`token: ${error instanceof MaintainerAccessError ? error.message : `${(error as Error).message} (${where})`}`);
    process.exit(1);
  }
}

void main();
