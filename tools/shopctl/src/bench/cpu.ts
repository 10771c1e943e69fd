import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common platform. */
const TICK_MS = 10;

/** CPU time (user + system) per process, read from /proc: undefined where that is unavailable. */
export type CpuSample = Map<string, number>;

/**
 * Samples the CPU time of each named process (found by the port it listens on) and of the
 * whole machine, so a run can say what one order costs each service even on a busy box.
 */
export async function sampleCpu(ports: ReadonlyMap<string, number>): Promise<CpuSample> {
  const sample: CpuSample = new Map();
  const listeners = await listeningPids().catch(() => new Map<number, number>());
  for (const [name, port] of ports) {
    const pid = listeners.get(port);
    const ms = pid === undefined ? undefined : await processCpuMs(pid).catch(() => undefined);
    if (ms !== undefined) sample.set(name, ms);
  }
  const self = process.cpuUsage();
  sample.set('(bench client)', (self.user + self.system) / 1000);
  const machine = await machineBusyMs().catch(() => undefined);
  if (machine !== undefined) sample.set('(whole machine)', machine);
  return sample;
}

/** CPU milliseconds per process between two samples, divided by `per`. */
export function cpuMsPer(before: CpuSample, after: CpuSample, per: number): Record<string, number> {
  const entries = [...after]
    .filter(([name]) => before.has(name))
    .map(([name, ms]) => [name, (ms - before.get(name)!) / Math.max(1, per)] as const);
  return Object.fromEntries(entries);
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

async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function machineBusyMs(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const ticks = line.split(/\s+/).slice(1, 9).map(Number);
  const busy = ticks.filter((_, i) => i !== 3 && i !== 4).reduce((a, b) => a + b, 0);
  return busy * TICK_MS;
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
