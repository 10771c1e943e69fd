import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnProcess, waitReady, type ServiceProcess } from './process';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** A Mailpit the notification service sends to, and where to read what it got. */
export interface Mailpit {
  readonly smtpUrl: string;
  readonly uiUrl: string;
  /** Another Mailpit already served these ports (a second demo); it is left running. */
  readonly reused: boolean;
  stop(): Promise<void>;
}

/**
 * Runs bin/mailpit (make mailpit builds it) on loopback: SMTP on `smtpPort`, the web UI and
 * its API (`/api/v1/messages`) on `uiPort`. Messages live in memory, like the demo's session.
 */
export async function startMailpit(options: {
  readonly smtpPort: number;
  readonly uiPort: number;
  readonly out?: NodeJS.WritableStream;
}): Promise<Mailpit> {
  const smtpUrl = `smtp://127.0.0.1:${options.smtpPort}`;
  const uiUrl = `http://localhost:${options.uiPort}`;
  if (await answers(`http://127.0.0.1:${options.uiPort}/api/v1/info`)) {
    return { smtpUrl, uiUrl, reused: true, stop: async () => undefined };
  }
  const bin = path.join(REPO_ROOT, 'bin', 'mailpit');
  if (!existsSync(bin)) throw new Error('bin/mailpit is missing: `make mailpit` builds it');
  const proc: ServiceProcess = spawnProcess(
    'mailpit',
    8,
    bin,
    [
      `--listen=127.0.0.1:${options.uiPort}`,
      `--smtp=127.0.0.1:${options.smtpPort}`,
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      '--quiet',
      '--disable-version-check', // it would ask GitHub from the UI's About dialog
    ],
    {},
    options.out,
  );
  await waitReady(proc, `http://127.0.0.1:${options.uiPort}/readyz`, 15_000);
  return {
    smtpUrl,
    uiUrl,
    reused: false,
    async stop() {
      proc.child.kill('SIGTERM');
      await proc.exited;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
  return res?.status === 200;
}
