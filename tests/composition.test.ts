import { readFileSync } from 'node:fs';
import { composeSupergraph } from '@kyodo/gateway/compose';

describe('the committed supergraph', () => {
  it('equals a fresh composition of every subgraph, and so does each subgraph SDL contract', async () => {
    const files = await composeSupergraph();
    expect(files.size).toBe(6);
    for (const [file, content] of files) {
      expect({ file, content: readFileSync(file, 'utf8') }).toEqual({ file, content });
    }
  });
});
