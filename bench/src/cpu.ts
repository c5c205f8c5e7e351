import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes, read from Linux's /proc: what each side of a workload costs per
 * operation, which throughput alone cannot tell on a machine where every process shares two cores.
 * Elsewhere the figures are simply missing from the report.
 */
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU milliseconds a process has used so far, or undefined where /proc is missing. */
export function cpuMillis(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** This process's children whose command line contains `fragment` (e.g. the subgraph processes). */
export function childPids(fragment: string): number[] {
  try {
    const children = readdirSync('/proc/self/task').flatMap((task) =>
      readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
    return children.filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(fragment);
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
}

/** Total CPU milliseconds of a set of processes; undefined when any cannot be read. */
export function totalCpuMillis(pids: number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const millis = cpuMillis(pid);
    if (millis === undefined) return undefined;
    total += millis;
  }
  return pids.length ? total : undefined;
}
