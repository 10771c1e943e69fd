import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InfraConfig } from './config';
import { chooseBinaries, clusterLocation, postgresSettings } from './postgres-decisions';
import { InfraError } from './steps';
import { asUser, isRoot, onPath, osUser, run, tail } from './system';

/** This clone's project cluster: where it lives and who runs it. */
export interface Cluster {
  readonly data: string;
  readonly log: string;
  /** The OS user that owns it (postgres when we are root; undefined: ourselves). */
  readonly user: string | undefined;
  readonly exists: boolean;
  /** Out of the repo (its directory belongs to the cluster's user). */
  readonly moved: boolean;
}

/** Finds this clone's cluster without creating anything (`create` may move it out of the repo). */
export async function locateCluster(config: InfraConfig, create = false): Promise<Cluster> {
  const user = isRoot() ? 'postgres' : undefined;
  const altDir = `/var/tmp/shop-postgres-${createHash('sha1').update(config.repoDir).digest('hex').slice(0, 12)}`;
  const facts = {
    dataDir: config.dataDir,
    altDir,
    existsInRepo: existsSync(path.join(config.dataDir, 'postgres', 'PG_VERSION')),
    existsInAlt: existsSync(path.join(altDir, 'data', 'PG_VERSION')),
    asPostgresUser: user !== undefined,
    repoReachable: !create || !user || (await reachableBy(user, config.dataDir)),
  };
  const where = clusterLocation(facts);
  const log = path.join(where.dir, 'postgres.log');
  const exists = facts.existsInRepo || facts.existsInAlt;
  return { data: where.data, log, user, exists, moved: where.moved };
}

async function reachableBy(user: string, dir: string): Promise<boolean> {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o711);
  return (await asUser(user, 'test', ['-x', dir])).code === 0;
}

/** Debian's side-by-side majors, else whatever pg_ctl/initdb PATH has. */
export function installedBinaries(): { major: string; dir: string }[] {
  const root = '/usr/lib/postgresql';
  const debian = existsSync(root)
    ? readdirSync(root)
        .map((major) => ({ major, dir: path.join(root, major, 'bin') }))
        .filter(
          (b) => existsSync(path.join(b.dir, 'initdb')) && existsSync(path.join(b.dir, 'pg_ctl')),
        )
    : [];
  if (debian.length > 0 || !onPath('pg_ctl') || !onPath('initdb')) return debian;
  const pgCtl = onPath('pg_ctl')!;
  const version = execFileSync(pgCtl, ['--version'], { encoding: 'utf8' });
  return [{ major: /(\d+)/.exec(version)?.[1] ?? '0', dir: path.dirname(pgCtl) }];
}

/** The bin directory that may run `cluster` (the major that created it). */
export function binariesFor(cluster: Cluster): string {
  const version = cluster.exists
    ? readFileSync(path.join(cluster.data, 'PG_VERSION'), 'utf8').trim()
    : undefined;
  const choice = chooseBinaries(version, installedBinaries());
  if ('error' in choice) throw new InfraError(`postgres: ${choice.error}`);
  return choice.dir;
}

/** initdb with trust logins on loopback, then the project's settings. */
export async function initCluster(cluster: Cluster, bin: string, port: number): Promise<void> {
  const owner = cluster.user ? osUser(cluster.user) : undefined;
  if (cluster.user && !owner) {
    throw new InfraError(`postgres: OS user ${cluster.user} does not exist (install postgresql)`);
  }
  mkdirSync(cluster.data, { recursive: true, mode: 0o700 });
  chmodSync(cluster.data, 0o700);
  if (owner && cluster.moved) chownSync(path.dirname(cluster.data), owner.uid, owner.gid);
  if (owner) chownSync(cluster.data, owner.uid, owner.gid);
  const args = ['-D', cluster.data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8'];
  const init = await asUser(cluster.user, path.join(bin, 'initdb'), [...args, '--locale=C.UTF-8']);
  if (init.code !== 0)
    throw new InfraError(`postgres: initdb failed:\n${init.stdout}${init.stderr}`);
  const socketDir = cluster.user ? '/var/run/postgresql' : '/tmp';
  appendFileSync(path.join(cluster.data, 'postgresql.conf'), postgresSettings(port, socketDir));
}

/** pg_ctl start, waiting until it accepts connections. */
export async function startCluster(cluster: Cluster, bin: string, waitMs: number): Promise<void> {
  const owner = cluster.user ? osUser(cluster.user) : undefined;
  if (owner) {
    // Debian puts the socket in /var/run/postgresql, a tmpfs that is empty after a reboot.
    mkdirSync('/var/run/postgresql', { recursive: true, mode: 0o2775 });
    chownSync('/var/run/postgresql', owner.uid, owner.gid);
    if (!existsSync(cluster.log)) writeFileSync(cluster.log, '');
    chownSync(cluster.log, owner.uid, owner.gid);
  }
  const timeout = String(Math.ceil(waitMs / 1000));
  const args = ['-D', cluster.data, '-l', cluster.log, '-w', '-t', timeout, '-s', 'start'];
  const started = await asUser(cluster.user, path.join(bin, 'pg_ctl'), args);
  if (started.code !== 0) {
    throw new InfraError(`postgres: did not start (log ${cluster.log}):\n${tail(cluster.log)}`);
  }
}

/** pg_ctl stop when the cluster runs; whether it did. */
export async function stopCluster(cluster: Cluster, bin: string): Promise<boolean> {
  const pgCtl = path.join(bin, 'pg_ctl');
  if ((await asUser(cluster.user, pgCtl, ['-D', cluster.data, 'status'])).code !== 0) return false;
  const stop = await asUser(cluster.user, pgCtl, [
    '-D',
    cluster.data,
    '-m',
    'fast',
    '-w',
    '-s',
    'stop',
  ]);
  if (stop.code !== 0) throw new InfraError(`postgres: pg_ctl stop failed: ${stop.stderr}`);
  return true;
}

/** System clusters (Debian's pg_lsclusters) online on `port`, as `major/name`. */
export async function systemClustersOn(port: number): Promise<string[]> {
  if (!onPath('pg_lsclusters')) return [];
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === String(port) && cols[3]?.startsWith('online'))
    .map((cols) => `${cols[0]}/${cols[1]}`);
}
