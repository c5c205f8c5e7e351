import { until } from './until';
import { startTestStack, type TestStack } from './stack';
import { bearer, issueToken, revokeToken, tokenCommand } from './tokens';

/** The secret part of a token (which may itself contain "_"). */
export const secretOf = (token: string): string => token.split('_').slice(2).join('_');

const MUNICIPALITIES = '{ municipalities { code nameEn } }';

/** A request to the gateway with these headers: its HTTP status and parsed body. */
export async function ask(stack: TestStack, headers: Record<string, string>, query = MUNICIPALITIES) {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] },
  };
}

/**
 * What the maintainer's command and the gateway's bearer check do while a stack runs, on one kind
 * of database (the same specifications hold on PostgreSQL and on PGlite); `more` adds a file's own
 * specifications on the same stack.
 */
export function describeCredentials(kind: 'PostgreSQL' | 'PGlite', more: (current: () => TestStack) => void = () => undefined) {
  // A stack seeding four cities on PGlite, and each command a process of its own that loads the kit,
  // take minutes on a busy two-core machine.
  jest.setTimeout(300_000);
  describe(`credentials, on ${kind}, while the stack runs`, () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ embedded: kind === 'PGlite' });
    });
    afterAll(() => stack?.stop());

    it('runs on the database it says', () => {
      expect(stack.database.kind).toBe(kind === 'PGlite' ? 'pglite' : 'postgresql');
    });

    it('issues a token on the last line of its output, lists its holder without any secret, and revokes it', async () => {
      const issued = await issueToken(stack, { municipality: '202207', name: 'Hanako Yamada' });
      expect(issued.token).toMatch(/^kyodo_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);

      const listed = await tokenCommand(stack, ['--list']);
      expect(listed.code).toBe(0);
      const row = listed.stdout.split('\n').find((line) => line.startsWith(issued.id))!;
      expect(row.split(/\s{2,}/)).toEqual([
        issued.id,
        '202207',
        'editor',
        'Hanako Yamada',
        expect.stringMatching(/^\d{4}-/),
        expect.stringMatching(/^\d{4}-/),
        '-',
      ]);
      expect(listed.stdout).not.toContain(secretOf(issued.token));

      await revokeToken(stack, issued.id);
      const after = await tokenCommand(stack, ['--list']);
      expect(
        after.stdout
          .split('\n')
          .find((line) => line.startsWith(issued.id))!
          .split(/\s{2,}/)
          .at(-1),
      ).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('refuses an unknown municipality or role with exit code 2, naming it, and issues nothing', async () => {
      const before = (await tokenCommand(stack, ['--list'])).stdout;
      const municipality = await tokenCommand(stack, ['--municipality', '131016', '--role', 'editor', '--name', 'x']);
      expect(municipality).toMatchObject({ code: 2, stderr: expect.stringContaining("131016: not in the hub's registry") });
      const role = await tokenCommand(stack, ['--municipality', '202207', '--role', 'admin', '--name', 'x']);
      expect(role).toMatchObject({ code: 2, stderr: expect.stringContaining('--role admin: expected one of editor') });
      expect((await tokenCommand(stack, ['--list'])).stdout).toBe(before);
    });

    it('lets a valid token read as everyone reads', async () => {
      const { token } = await issueToken(stack, { municipality: '202037', name: 'Ueda editor' });
      const anonymous = await ask(stack, {});
      const signedIn = await ask(stack, bearer(token));
      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toEqual(anonymous.body);
      // An editor's answer is never kept by a shared cache.
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    });

    it('refuses a token of the wrong shape, scheme or secret with 401 UNAUTHENTICATED and what to do', async () => {
      const { token } = await issueToken(stack, { municipality: '202207', name: 'Forger' });
      const wrongSecret = `${token.slice(0, -4)}AAAA`;
      for (const [headers, reason] of [
        [{ authorization: 'Bearer not-a-token' }, 'malformed'],
        [{ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, 'scheme'],
        [bearer(wrongSecret), 'unknown'],
        [bearer('kyodo_0123456789abcdef_' + 'A'.repeat(43)), 'unknown'],
      ] as const) {
        const { status, headers: answer, body } = await ask(stack, headers);
        expect({ status, code: body.errors?.[0]?.extensions.code, reason: body.errors?.[0]?.extensions.reason }).toEqual({
          status: 401,
          code: 'UNAUTHENTICATED',
          reason,
        });
        expect(body.errors![0]!.message).toMatch(/Bearer|maintainer/);
        expect(answer.get('www-authenticate')).toContain('Bearer');
        expect(body.data).toBeUndefined();
      }
    });

    it('refuses a revoked token from the very next request', async () => {
      const { id, token } = await issueToken(stack, { municipality: '202100', name: 'Komagane editor' });
      expect((await ask(stack, bearer(token))).status).toBe(200);
      await revokeToken(stack, id);
      const refused = await ask(stack, bearer(token));
      expect({ status: refused.status, code: refused.body.errors?.[0]?.extensions.code, reason: refused.body.errors?.[0]?.extensions.reason }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
        reason: 'revoked',
      });
      expect(refused.body.errors![0]!.message).toContain('ask your hub maintainer for a new token');
    });

    it('refuses an expired token', async () => {
      const { token } = await issueToken(stack, { municipality: '192082', name: 'Short-lived', expires: '1s' });
      const refused = await until('the token to expire', async () => {
        const answer = await ask(stack, bearer(token));
        return answer.status === 401 && answer;
      });
      expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'expired' });
    });

    more(() => stack);
  });
}
