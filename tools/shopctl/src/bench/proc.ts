import { readdir, readFile } from 'node:fs/promises';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every common platform. */
const TICK_MS = 10;

/** What /proc/<pid>/stat says about one process's CPU time, in milliseconds. */
export interface ProcessTimes {
  readonly ppid: number;
  /** utime + stime: the process itself. */
  readonly ownMs: number;
  /** cutime + cstime: its children that ended and were reaped. */
  readonly reapedMs: number;
}

/** The CPU times of one process, from /proc/<pid>/stat. */
export async function processTimes(pid: number): Promise<ProcessTimes> {
  return parseStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
}

export function parseStat(stat: string): ProcessTimes {
  // Fields after the parenthesised command name (which may hold spaces): the first is field 3.
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // ppid is field 4; utime, stime, cutime and cstime are fields 14 to 17.
  return { ppid: f[1]!, ownMs: (f[11]! + f[12]!) * TICK_MS, reapedMs: (f[13]! + f[14]!) * TICK_MS };
}

/** Every process's times now, by pid (processes that end while being read are skipped). */
export async function allProcesses(): Promise<Map<number, ProcessTimes>> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const times = await Promise.all(pids.map((pid) => processTimes(pid).catch(() => undefined)));
  return new Map(pids.flatMap((pid, i) => (times[i] ? [[pid, times[i]] as const] : [])));
}

/**
 * The CPU time of a server process with its workers: itself, its children that ended (reaped
 * into its cutime/cstime) and its live children with theirs. For PostgreSQL that is the
 * postmaster, every backend (a backend that disconnects during a run still counts, in the
 * postmaster's cutime) and the WAL writer, checkpointer and the rest; for a Node service or
 * RabbitMQ it is the process itself and any helper it runs.
 */
export function treeCpuMs(pid: number, all: ReadonlyMap<number, ProcessTimes>): number | undefined {
  const root = all.get(pid);
  if (!root) return undefined;
  let ms = root.ownMs + root.reapedMs;
  for (const t of all.values()) if (t.ppid === pid) ms += t.ownMs + t.reapedMs;
  return ms;
}

/** The machine's busy CPU time: everything in /proc/stat but idle and iowait. */
export async function machineBusyMs(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  // user nice system idle iowait irq softirq steal
  const ticks = line.split(/\s+/).slice(1, 9).map(Number);
  const busy = ticks.filter((_, i) => i !== 3 && i !== 4).reduce((a, b) => a + b, 0);
  return busy * TICK_MS;
}
