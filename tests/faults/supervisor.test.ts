import path from 'node:path';
import { SupervisedSubgraph } from '@kyodo/gateway/supervisor';
import { until } from '../support/until';

describe('the supervisor of a subgraph process', () => {
  it('logs each exit with its code, restarts with growing delays, and reports a crash loop after five exits in a minute', async () => {
    const log: string[] = [];
    const subgraph = new SupervisedSubgraph(
      { name: 'crashing', port: 0, url: '', entryPoint: path.join(__dirname, 'fixtures', 'crashing-subgraph.js'), args: [] },
      { port: 0, env: process.env, heapMb: 64, quiet: true, log: (line) => log.push(line) },
    );
    await expect(subgraph.start()).rejects.toThrow(/crashing exited with code 3 before it was ready/);
    try {
      await until('a crash loop is reported', () => subgraph.status.state === 'crash-looping', 30_000);
    } finally {
      await subgraph.stop();
    }
    expect(log.slice(0, 4)).toEqual([
      '[stack] crashing exited with code 3; restarting in 250 ms',
      '[stack] crashing exited with code 3; restarting in 500 ms',
      '[stack] crashing exited with code 3; restarting in 1000 ms',
      '[stack] crashing exited with code 3; restarting in 2000 ms',
    ]);
    expect(log[4]).toBe('[stack] crashing is crash-looping: 5 exits within 60 s, the last with code 3; next start in 4000 ms');
    expect(subgraph.status.state).toBe('stopped');
  });
});
