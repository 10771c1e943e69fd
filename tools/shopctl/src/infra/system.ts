import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion (never throws for a non-zero exit; `code` 127 when missing). */
export function run(
  command: string,
  args: readonly string[],
  options: { readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs ?? 120_000, env: options.env, cwd: options.cwd ?? '/' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || err?.message || '') });
      },
    );
  });
}

/** `command` with `args` as `user` when we are root (PostgreSQL refuses to run as root). */
export function asUser(user: string | undefined, command: string, args: readonly string[]) {
  return user ? run('runuser', ['-u', user, '--', command, ...args]) : run(command, args);
}

export const isRoot = (): boolean => process.getuid?.() === 0;

export function canApt(): boolean {
  return isRoot() && existsSync('/etc/debian_version') && onPath('apt-get') !== undefined;
}

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

let aptUpdated = false;

/** apt-get install, with one apt-get update per process first. */
export async function aptInstall(pkg: string, log: (line: string) => void): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt: apt-get update');
    const update = await run('apt-get', ['update', '-qq'], { env, timeoutMs: 600_000 });
    if (update.code !== 0) throw new Error(`apt-get update failed: ${update.stderr}`);
    aptUpdated = true;
  }
  log(`apt: installing ${pkg}`);
  const install = await run('apt-get', ['install', '-y', '-qq', pkg], { env, timeoutMs: 900_000 });
  if (install.code !== 0) throw new Error(`apt-get install ${pkg} failed: ${install.stderr}`);
}

/** Whether some process accepts TCP connections on 127.0.0.1:`port`. */
export function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host, timeout: 2000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** The command line of process `pid` (Linux /proc), if it runs. */
export function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** The pid `pidFile` holds, while that process runs and its command line passes `is` (a pid can be reused). */
export function pidFromFile(pidFile: string, is: (cmd: string[]) => boolean): number | undefined {
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : NaN;
  const cmd = Number.isInteger(pid) ? commandLine(pid) : undefined;
  return cmd && is(cmd) ? pid : undefined;
}

/** Stops `pid`: TERM (a clean shutdown), then KILL once `graceMs` have passed; resolves when it is gone. */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  // A zombie (exited, not reaped yet) has an empty command line: it is gone.
  const alive = () => (commandLine(pid)?.length ?? 0) > 0;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive()) process.kill(pid, 'SIGKILL');
}

/** Whether a process whose executable is named `name` runs as OS user `uid`. */
export function runsAs(name: string, uid: number | undefined): boolean {
  if (uid === undefined) return false;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .some((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const owner = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
        return owner === uid && path.basename(commandLine(Number(pid))?.[0] ?? '') === name;
      } catch {
        return false; // exited meanwhile
      }
    });
}

/** The ids of an OS user, if it exists. */
export function osUser(name: string): { readonly uid: number; readonly gid: number } | undefined {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, name], { stdio: ['ignore', 'pipe', 'ignore'] }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** The last `lines` lines of a log file ('' when there is none). */
export function tail(file: string, lines = 20): string {
  return existsSync(file)
    ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
    : '';
}
