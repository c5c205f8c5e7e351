import { createHash } from 'node:crypto';
import { startGateway } from '@kyodo/gateway';
import { Client } from 'pg';
import { describeCredentials, secretOf } from './support/credential-specs';
import { bearer, issueToken } from './support/tokens';

describeCredentials('PostgreSQL', (current) => {
  it('keeps only the SHA-256 of a token’s secret, never the token', async () => {
    const stack = current();
    const { id, token } = await issueToken(stack, { municipality: '202207', name: 'Hash check' });
    const client = new Client({ connectionString: stack.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<Record<string, unknown>>('SELECT * FROM hub.credential WHERE id = $1', [id]);
      const secret = secretOf(token);
      expect(rows[0]!.secret_sha256).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(secret);
    } finally {
      await client.end();
    }
  });

  it('failed sign-ins from one address beyond the limit get 429 RATE_LIMITED with Retry-After, while anonymous reads go on', async () => {
    const stack = current();
    const gateway = await startGateway([...stack.services], { port: 0, subgraphSecret: stack.subgraphSecret, rateLimitPerMinute: 0, authFailuresPerMinute: 3 });
    try {
      const ask = (headers: Record<string, string>) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ municipalities { code } }' }),
        });
      // Each a different credential id: the limit that answers is the address's.
      for (const id of ['0000000000000001', '0000000000000002', '0000000000000003'])
        expect((await ask(bearer(`kyodo_${id}_${'A'.repeat(43)}`))).status).toBe(401);
      const limited = await ask(bearer(`kyodo_0000000000000004_${'A'.repeat(43)}`));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await limited.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
      expect((await ask({})).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
