import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { InfraConfig } from './config';
import { decideFerretdb } from './ferretdb-decisions';
import { mongoPing } from './probe';
import { converge, InfraError } from './steps';
import { listening, pidFromFile, tail, terminate } from './system';
import { withAdminDb } from '../runner/admin-db';
import { waitFor } from '../runner/wait';

type Log = (line: string) => void;

/**
 * FerretDB 1.x (the MongoDB wire protocol on the local PostgreSQL, database `ferretdb`) on
 * 127.0.0.1:27017, so the order store's MongoDB adapter is tested with the real driver.
 * Query pushdown is off unless FERRETDB_PUSHDOWN=1: in 1.24 a pushed-down update or delete
 * whose dot-notation filter traverses an array silently matches nothing, while find() with
 * the same filter works. Without it FerretDB filters in Go, like MongoDB.
 */
export async function ferretdbUp(config: InfraConfig, log: Log): Promise<void> {
  const { url, port, bin } = config.ferretdb;
  const files = runFiles(config);
  // Also when FerretDB already answers: its database may have been dropped under it.
  await ensureDatabase(config.postgres.url, 'ferretdb', log);
  const { step } = await converge({
    name: 'ferretdb',
    where: `127.0.0.1:${port}`,
    observe: async () => ({
      answers: await mongoPing(url),
      ours: ourPid(files.pid, bin) !== undefined,
      portTaken: await listening(port),
      binary: existsSync(bin),
    }),
    decide: (facts) => decideFerretdb(facts, port),
    waitMs: 30_000,
    log,
    act: {
      install: () => Promise.reject(new InfraError('ferretdb: nothing to install')),
      start: () => startFerretdb(config, log),
    },
  });
  const note = step.kind === 'ready' && step.note ? ` (${step.note})` : '';
  log(`ferretdb: ready on 127.0.0.1:${port}${note}`);
  log(`MONGO_URL=${url}`);
}

function runFiles(config: InfraConfig) {
  const dir = path.join(config.dataDir, 'ferretdb');
  return { dir, pid: path.join(dir, 'ferretdb.pid'), log: path.join(dir, 'ferretdb.log') };
}

function ourPid(pidFile: string, bin: string): number | undefined {
  return pidFromFile(pidFile, (cmd) => cmd[0] === bin);
}

async function startFerretdb(config: InfraConfig, log: Log): Promise<void> {
  const { bin, port, pushdown } = config.ferretdb;
  const files = runFiles(config);
  const database = new URL(config.postgres.url);
  database.pathname = '/ferretdb';
  mkdirSync(files.dir, { recursive: true });
  log(`ferretdb: starting on 127.0.0.1:${port} (log ${files.log})`);
  const out = openSync(files.log, 'a');
  const child = spawn(
    bin,
    [
      `--listen-addr=127.0.0.1:${port}`,
      `--postgresql-url=${database.toString()}`,
      `--state-dir=${files.dir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=info',
      ...(pushdown ? [] : ['--test-disable-pushdown']),
    ],
    // Its own session: it outlives this command and the make job that ran it.
    { detached: true, stdio: ['ignore', out, out] },
  );
  child.unref();
  writeFileSync(files.pid, String(child.pid));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(async () => exited || (await mongoPing(config.ferretdb.url)), 30_000);
  if (exited) throw new InfraError(`ferretdb: exited during start-up:\n${tail(files.log)}`);
}

async function ensureDatabase(adminUrl: string, name: string, log: Log): Promise<void> {
  await withAdminDb(adminUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return;
    log(`ferretdb: creating PostgreSQL database ${name}`);
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
  });
}

/** Stops the FerretDB this clone started (TERM, then KILL after 15 s). */
export async function ferretdbDown(config: InfraConfig, log: Log): Promise<void> {
  const files = runFiles(config);
  const pid = ourPid(files.pid, config.ferretdb.bin);
  rmSync(files.pid, { force: true });
  if (pid === undefined) {
    log('ferretdb: not running (from this clone)');
    return;
  }
  await terminate(pid, 15_000);
  log('ferretdb: stopped');
}
