import { editorClaimsOf, editorClaimsToToken, requestSigner, requestVerifier } from '@kyodo/kit';

const secret = 'x'.repeat(40);
const editor = { credentialId: 'c0ffee', author: '安曇野市 政策経営課', municipality: '202207', role: 'editor' } as const;

async function verifiedWith(claims: Record<string, string> | undefined) {
  const signed = await requestSigner(secret)({ audience: 'azumino', method: 'POST', path: '/graphql', body: '{}', claims });
  const token = signed.headers['kyodo-gateway-token'];
  return requestVerifier(secret, 'azumino').verify({ token, method: 'POST', path: '/graphql', body: '{}' });
}

describe('editor claims in the gateway request token', () => {
  it('come back from a verified token exactly as they were signed', async () => {
    expect(editorClaimsOf(await verifiedWith(editorClaimsToToken(editor) as Record<string, string>))).toEqual(editor);
  });

  it('are absent from a request made without a verified editor', async () => {
    expect(editorClaimsOf(await verifiedWith(undefined))).toBeUndefined();
  });

  it('are absent when one of them is missing', async () => {
    const partial = editorClaimsToToken(editor) as Record<string, string>;
    delete partial.kyodo_author;
    expect(editorClaimsOf(await verifiedWith(partial))).toBeUndefined();
  });

  it('are absent for a role other than editor', async () => {
    expect(editorClaimsOf(await verifiedWith({ ...(editorClaimsToToken(editor) as Record<string, string>), kyodo_role: 'maintainer' }))).toBeUndefined();
  });
});
