import { spawn } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from '@kyodo/kit';

/** `npm start`'s program in a process of its own, which reads its configuration from the environment's folders. */
export interface StackProcess {
  /** The gateway's address once every subgraph and the gateway are ready; rejects if the stack exits first. */
  ready: Promise<string>;
  /** What the stack printed so far. */
  output(): string;
  /** SIGTERM to the stack's process group (its subgraphs too); resolves once it has exited. */
  stop(): Promise<void>;
}

export function startStackProcess(env: NodeJS.ProcessEnv): StackProcess {
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'gateway', 'dist', 'stack.js')], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const gateway = /\[gateway\] ready at (\S+)/.exec(output);
      if (gateway?.[1]) resolve(gateway[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the stack exited with ${code}:\n${output}`)));
  });
  // Awaited by whoever waits for it; an exit after a stop is no failure.
  ready.catch(() => undefined);
  return {
    ready,
    output: () => output,
    async stop() {
      if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
