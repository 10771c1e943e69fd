import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { allProcesses, machineBusyMs, treeCpuMs } from './proc';

/** CPU time (user + system) per process, read from /proc: undefined where that is unavailable. */
export type CpuSample = Map<string, number>;

export const WHOLE_MACHINE = '(whole machine)';
/** The process rows added up (the bench client included), to set beside the whole machine. */
export const PROCESS_SUM = '(sum of the processes)';
/** Part of the `postgresql` row: the backends connected to the measured stack's databases. */
export const STACK_BACKENDS = "postgresql: this stack's backends";
const BACKEND = 'backend ';

/**
 * Samples the CPU time of each named process (found by the port it listens on), counting its
 * children (PostgreSQL's postmaster: every backend and worker), of the backends `backendPids`
 * names, and of the whole machine, so a run can say what one order costs each process even on
 * a busy box.
 */
export async function sampleCpu(
  ports: ReadonlyMap<string, number>,
  backendPids?: () => Promise<readonly number[]>,
): Promise<CpuSample> {
  const sample: CpuSample = new Map();
  const listeners = await listeningPids().catch(() => new Map<number, number>());
  const all = await allProcesses().catch(() => new Map());
  for (const [name, port] of ports) {
    const pid = listeners.get(port);
    const ms = pid === undefined ? undefined : treeCpuMs(pid, all);
    if (ms !== undefined) sample.set(name, ms);
  }
  for (const pid of (await backendPids?.().catch(() => [])) ?? []) {
    const ms = treeCpuMs(pid, all);
    if (ms !== undefined) sample.set(`${BACKEND}${pid}`, ms);
  }
  const self = process.cpuUsage();
  sample.set('(bench client)', (self.user + self.system) / 1000);
  const machine = await machineBusyMs().catch(() => undefined);
  if (machine !== undefined) sample.set(WHOLE_MACHINE, machine);
  return sample;
}

/**
 * CPU milliseconds per process between two samples, divided by `per`; with the whole machine
 * sampled, also the sum of the process rows beside it. The stack's backends add up into one
 * row (a backend that connected during the run counts from zero; one that left is not seen).
 */
export function cpuMsPer(before: CpuSample, after: CpuSample, per: number): Record<string, number> {
  const n = Math.max(1, per);
  const rows: Record<string, number> = {};
  let backends: number | undefined;
  for (const [name, ms] of after) {
    if (name.startsWith(BACKEND)) backends = (backends ?? 0) + ms - (before.get(name) ?? 0);
    else if (before.has(name) && name !== WHOLE_MACHINE) rows[name] = (ms - before.get(name)!) / n;
  }
  if (backends !== undefined) rows[STACK_BACKENDS] = backends / n;
  const machine = after.get(WHOLE_MACHINE);
  if (machine === undefined || !before.has(WHOLE_MACHINE)) return rows;
  const processes = Object.entries(rows).filter(([name]) => name !== STACK_BACKENDS);
  rows[PROCESS_SUM] = processes.reduce((sum, [, ms]) => sum + ms, 0);
  rows[WHOLE_MACHINE] = (machine - before.get(WHOLE_MACHINE)!) / n;
  return rows;
}

/** `name  1.23` per process: CPU milliseconds between two samples, divided by `per`. */
export function cpuPerUnit(before: CpuSample, after: CpuSample, per: number): string[] {
  return Object.entries(cpuMsPer(before, after, per)).map(
    ([name, ms]) => `${name} ${ms.toFixed(1)}`,
  );
}

/** Resident memory (MB) of each named process, found by the port it listens on. */
export async function sampleRssMb(
  ports: ReadonlyMap<string, number>,
): Promise<Record<string, number>> {
  const listeners = await listeningPids().catch(() => new Map<number, number>());
  const rss: Record<string, number> = {};
  for (const [name, port] of ports) {
    const pid = listeners.get(port);
    const status =
      pid === undefined ? '' : await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb) rss[name] = Number(kb) / 1024;
  }
  return rss;
}

/** Listening TCP port -> pid, from `ss` (iproute2). */
export function listeningPids(): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    execFile('ss', ['-ltnpH'], { timeout: 5000 }, (err, stdout) => {
      if (err) return reject(err);
      const pids = new Map<number, number>();
      for (const line of stdout.split('\n')) {
        const port = /:(\d+)\s/.exec(line)?.[1];
        const pid = /pid=(\d+)/.exec(line)?.[1];
        if (port && pid) pids.set(Number(port), Number(pid));
      }
      resolve(pids);
    });
  });
}
