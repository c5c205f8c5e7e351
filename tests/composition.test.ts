import { readFileSync } from 'node:fs';
import { composeSupergraph } from '@kyodo/gateway/compose';

describe('the committed supergraph', () => {
  it('equals a fresh composition of every subgraph, and so does each subgraph SDL contract', async () => {
    const files = await composeSupergraph();
    // The supergraph, the exports' data dictionary and one SDL contract per subgraph (hub, four cities, hosted).
    expect(files.size).toBe(8);
    for (const [file, content] of files) {
      expect({ file, content: readFileSync(file, 'utf8') }).toEqual({ file, content });
    }
  });
});
