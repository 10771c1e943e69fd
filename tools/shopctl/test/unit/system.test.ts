import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commandLine, pidFromFile, terminate } from '../../src/infra/system';
import { waitFor } from '../../src/runner/wait';

/** The servers `make kafka-up` and `make mongo-up` start are found by pid file and stopped by pid. */
const dir = mkdtempSync(path.join(tmpdir(), 'shopctl-pids-'));
const pidFile = path.join(dir, 'server.pid');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function server(script: string): ChildProcess {
  const child = spawn('sh', ['-c', script], { stdio: 'ignore' });
  children.push(child);
  writeFileSync(pidFile, String(child.pid));
  return child;
}
/** Resolves once `pid` runs `program` (sh has exec'd it). */
const runs = (pid: number, program: string) =>
  waitFor(async () => commandLine(pid)?.[0] === program, 5000);
/** Resolves once `pid` ignores SIGTERM (/proc's SigIgn mask has signal 15's bit). */
const ignoresTerm = (pid: number) =>
  waitFor(async () => {
    const mask = /^SigIgn:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return (BigInt(`0x${mask?.[1] ?? '0'}`) & (1n << 14n)) !== 0n;
  }, 5000);
const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_c, signal) => resolve(signal)),
  );

test('pidFromFile names the process only while it runs with the expected command line', async () => {
  const child = server('exec sleep 30');
  const gone = exited(child);
  await runs(child.pid!, 'sleep');
  expect(pidFromFile(pidFile, (cmd) => cmd[0] === 'sleep')).toBe(child.pid);
  expect(pidFromFile(pidFile, (cmd) => cmd.includes('kafka.Kafka'))).toBeUndefined(); // a reused pid
  child.kill('SIGKILL');
  await gone;
  expect(pidFromFile(pidFile, () => true)).toBeUndefined();
  expect(pidFromFile(path.join(dir, 'absent.pid'), () => true)).toBeUndefined();
});

test('terminate sends TERM and returns once the process is gone', async () => {
  const child = server('exec sleep 30');
  const gone = exited(child);
  await terminate(child.pid!, 10_000);
  expect(await gone).toBe('SIGTERM');
});

test('terminate KILLs a process that ignores TERM once the grace has passed', async () => {
  const child = server("trap '' TERM; while :; do sleep 0.05; done");
  const gone = exited(child);
  await ignoresTerm(child.pid!);
  await terminate(child.pid!, 300);
  expect(await gone).toBe('SIGKILL');
});
