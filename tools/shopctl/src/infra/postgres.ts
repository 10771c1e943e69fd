import { redact, type InfraConfig } from './config';
import {
  binariesFor,
  initCluster,
  installedBinaries,
  locateCluster,
  startCluster,
  stopCluster,
  systemClustersOn,
} from './postgres-cluster';
import { decidePostgres, type PostgresFacts } from './postgres-decisions';
import { postgresLogin } from './probe';
import { converge } from './steps';
import { aptInstall, canApt, run } from './system';

type Log = (line: string) => void;

/** Makes `config.postgres` accept password-less `postgres` logins, starting what it must. */
export async function postgresUp(config: InfraConfig, log: Log): Promise<void> {
  const target = config.postgres;
  const where = target.external ? redact(target.url) : `127.0.0.1:${target.port}`;
  const observe = async (): Promise<PostgresFacts> => {
    const login = await postgresLogin(target.url);
    return {
      external: target.external,
      login,
      binaries: installedBinaries().length > 0,
      canApt: canApt(),
      systemClusters: login.kind === 'refused' ? await systemClustersOn(target.port) : [],
    };
  };
  let started = '';
  await converge({
    name: 'postgres',
    where,
    observe,
    decide: (facts) => decidePostgres(facts, redact(target.url), target.port),
    waitMs: target.waitMs,
    log,
    act: {
      install: () => installPostgres(target.port, log),
      async start() {
        started = await startProjectCluster(config, log);
      },
    },
  });
  log(`postgres: ready on ${where}${started ? ` (data ${started})` : ''}`);
}

async function startProjectCluster(config: InfraConfig, log: Log): Promise<string> {
  const cluster = await locateCluster(config, true);
  const bin = binariesFor(cluster);
  if (!cluster.exists) {
    if (cluster.moved) log(`postgres: the postgres user cannot reach ${config.repoDir}`);
    log(`postgres: creating the project cluster in ${cluster.data}`);
    await initCluster(cluster, bin, config.postgres.port);
  }
  log(`postgres: starting (log ${cluster.log})`);
  await startCluster(cluster, bin, config.postgres.waitMs);
  return cluster.data;
}

/** apt-get install postgresql, then stop the system cluster its package started on our port. */
async function installPostgres(port: number, log: Log): Promise<void> {
  await aptInstall('postgresql', log);
  for (const cluster of await systemClustersOn(port)) {
    log(
      `postgres: stopping the system cluster ${cluster} the package started (the project runs its own)`,
    );
    await run('pg_ctlcluster', [...cluster.split('/'), 'stop']);
  }
}

/** Stops this clone's project cluster; a server someone else started is left alone. */
export async function postgresDown(config: InfraConfig, log: Log): Promise<void> {
  if (config.postgres.external) {
    log('postgres: DATABASE_ADMIN_URL points elsewhere; nothing to stop');
    return;
  }
  const cluster = await locateCluster(config);
  if (!cluster.exists) {
    log('postgres: no project cluster in this clone; nothing to stop');
    return;
  }
  const stopped = await stopCluster(cluster, binariesFor(cluster));
  log(`postgres: ${stopped ? 'stopped' : 'not running'} (data ${cluster.data})`);
}
