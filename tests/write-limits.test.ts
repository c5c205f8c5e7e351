import type { GraphQLRequestListener } from '@apollo/server';
import type { GatewayContext } from '@kyodo/gateway/authentication';
import { writeLimitsPlugin } from '@kyodo/gateway/write-limits';
import { GraphQLError, OperationTypeNode } from 'graphql';

/** The plugin's verdict on one operation of this type from this client: undefined when let through. */
async function verdictOn(plugin: NonNullable<ReturnType<typeof writeLimitsPlugin>>, operation: OperationTypeNode, context: GatewayContext) {
  const listener = (await plugin.requestDidStart!({} as any)) as GraphQLRequestListener<GatewayContext>;
  return listener.didResolveOperation!({ operation: { operation }, contextValue: context } as any).then(
    () => undefined,
    (error: GraphQLError) => error,
  );
}

const editor = (credentialId: string) => ({ credentialId, author: credentialId, municipality: '202207', role: 'editor' as const });

describe('the write limit', () => {
  it('refuses the write beyond the limit with 429 RATE_LIMITED and Retry-After', async () => {
    const plugin = writeLimitsPlugin(2)!;
    const context = { editor: editor('aaaaaaaaaaaaaaaa'), clientAddress: '192.0.2.1' };
    expect(await verdictOn(plugin, OperationTypeNode.MUTATION, context)).toBeUndefined();
    expect(await verdictOn(plugin, OperationTypeNode.MUTATION, context)).toBeUndefined();
    const refused = await verdictOn(plugin, OperationTypeNode.MUTATION, context);
    expect(refused?.extensions.code).toBe('RATE_LIMITED');
    const http = refused?.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(Number(http.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts one credential’s writes from every address', async () => {
    const plugin = writeLimitsPlugin(1)!;
    expect(await verdictOn(plugin, OperationTypeNode.MUTATION, { editor: editor('aaaaaaaaaaaaaaaa'), clientAddress: '192.0.2.1' })).toBeUndefined();
    const refused = await verdictOn(plugin, OperationTypeNode.MUTATION, { editor: editor('aaaaaaaaaaaaaaaa'), clientAddress: '192.0.2.2' });
    expect(refused?.message).toContain('this credential');
  });

  it('counts one address’s writes with every credential', async () => {
    const plugin = writeLimitsPlugin(1)!;
    expect(await verdictOn(plugin, OperationTypeNode.MUTATION, { editor: editor('aaaaaaaaaaaaaaaa'), clientAddress: '192.0.2.1' })).toBeUndefined();
    const refused = await verdictOn(plugin, OperationTypeNode.MUTATION, { editor: editor('bbbbbbbbbbbbbbbb'), clientAddress: '192.0.2.1' });
    expect(refused?.message).toContain('this address');
  });

  it('never counts reads', async () => {
    const plugin = writeLimitsPlugin(1)!;
    const context = { editor: editor('aaaaaaaaaaaaaaaa'), clientAddress: '192.0.2.1' };
    for (let read = 0; read < 5; read++) expect(await verdictOn(plugin, OperationTypeNode.QUERY, context)).toBeUndefined();
    expect(await verdictOn(plugin, OperationTypeNode.MUTATION, context)).toBeUndefined();
  });

  it('is off at 0', () => {
    expect(writeLimitsPlugin(0)).toBeUndefined();
  });
});
