import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const COLORS = [36, 32, 33, 35, 34, 91, 92, 93, 96];

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

/**
 * V8 flags of every service process, as the image's CMD gives them: a young generation of at
 * most 2 MB per semi-space instead of growing to 16 MB at start-up and staying there (idle RSS
 * about 10 MB less per process; a request's garbage dies young all the same).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/** Spawns `services/<name>/dist/main.js`, writing its lines to `out` prefixed with its name. */
export function spawnService(
  name: string,
  index: number,
  env: Record<string, string>,
  out: NodeJS.WritableStream | undefined,
): ServiceProcess {
  const main = path.join(REPO_ROOT, 'services', name, 'dist', 'main.js');
  return spawnProcess(name, index, process.execPath, [...SERVICE_NODE_FLAGS, main], env, out);
}

/** Spawns `command`, writing its lines to `out` prefixed with `name` in the index's colour. */
export function spawnProcess(
  name: string,
  index: number,
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  out: NodeJS.WritableStream | undefined,
): ServiceProcess {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\u001b[${COLORS[index % COLORS.length]}m${name.padEnd(12)}\u001b[0m| `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => out?.write(prefix + line + '\n'));
  }
  const exited = new Promise<number | null>((resolve) => {
    // A shell's convention: a signal's exit status is 128 + its number (137 for kill -9).
    child.once('exit', (code, signal) =>
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : null)),
    );
  });
  return { name, child, exited };
}

/** Polls `url` until it answers 200, the process exits, or the deadline passes. */
export async function waitReady(
  service: ServiceProcess,
  url: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${service.name} exited during start`);
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${service.name} not ready at ${url} within ${timeoutMs} ms`);
}
