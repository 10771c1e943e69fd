import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './poll';

export interface RunningService {
  readonly process: ChildProcess;
  readonly url: string;
  /** Everything the process printed, for assertions and failure messages. */
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** A built service's entry point (`npx tsc --build` writes it). */
function mainOf(name: string): string {
  return path.join(REPO_ROOT, 'services', name, 'dist', 'main.js');
}

/**
 * Starts a built service (`services/<name>/dist/main.js`, so run `make build` first) as a
 * real process and waits until its /readyz answers 200.
 */
export async function startService(
  name: string,
  env: Record<string, string>,
  { ready = '/readyz', timeoutMs = 20_000 } = {},
): Promise<RunningService> {
  const child = spawn(process.execPath, [mainOf(name)], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${env.PORT}`;
  const exitedEarly = exited.then((code) => {
    throw new Error(`${name} exited with ${code}`);
  });
  await Promise.race([
    waitFor(async () => (await fetch(url + ready).catch(() => undefined))?.status === 200, {
      timeoutMs,
      what: `${name} ready`,
      intervalMs: 50,
    }),
    exitedEarly,
  ]).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${name} did not become ready: ${String(err)}\n${output}`);
  });
  exitedEarly.catch(() => undefined);
  return {
    process: child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** How a process that ran to its end finished. */
export interface ProcessExit {
  /** The exit code; null when a signal ended it (e.g. the timeout). */
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Runs a built service until it exits by itself, as a start that must fail does (bad config);
 * killed after `timeoutMs`.
 */
export function runServiceToExit(
  name: string,
  env: Record<string, string>,
  { timeoutMs = 10_000 } = {},
): Promise<ProcessExit> {
  const options = { env: { PATH: process.env.PATH ?? '', ...env }, timeout: timeoutMs };
  return new Promise((resolve) => {
    execFile(process.execPath, [mainOf(name)], options, (err, _stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr });
    });
  });
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
