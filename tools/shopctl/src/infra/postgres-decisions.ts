import type { Step } from './steps';

/** A login attempt with the target URL. */
export type PostgresLogin =
  | { readonly kind: 'ok' }
  | { readonly kind: 'down' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'refused'; readonly error: string };

export interface PostgresFacts {
  readonly external: boolean;
  readonly login: PostgresLogin;
  /** initdb and pg_ctl were found. */
  readonly binaries: boolean;
  /** root on Debian with apt-get. */
  readonly canApt: boolean;
  /** The system clusters online on the target port (`15/main`), from pg_lsclusters. */
  readonly systemClusters: readonly string[];
}

export function decidePostgres(f: PostgresFacts, url: string, port: number): Step {
  if (f.login.kind === 'ok') return { kind: 'ready' };
  if (f.login.kind === 'refused') return { kind: 'fail', message: refusedLogin(f, url, port) };
  if (f.external || f.login.kind === 'starting') return { kind: 'wait' };
  if (f.binaries) return { kind: 'start' };
  if (f.canApt) return { kind: 'install' };
  return {
    kind: 'fail',
    message:
      'PostgreSQL is not installed. Install it (Debian/Ubuntu: sudo apt-get install postgresql; ' +
      'it needs initdb and pg_ctl), or start your own server and export ' +
      'DATABASE_ADMIN_URL=postgres://USER:PASSWORD@HOST:PORT',
  };
}

function refusedLogin(f: PostgresFacts, url: string, port: number): string {
  const lines = [
    `a PostgreSQL server answers on port ${port} but ${url} cannot log in: ${f.login.kind === 'refused' ? f.login.error : ''}`,
  ];
  const [cluster] = f.systemClusters;
  if (!f.external && cluster) {
    const [version, name] = cluster.split('/');
    lines.push(
      `  It is the system cluster ${cluster}, which does not trust password-less logins.`,
      `  Stop it so the project cluster can use the port:  pg_ctlcluster ${version} ${name} stop`,
      `  or use it with a password:  export DATABASE_ADMIN_URL=postgres://USER:PASSWORD@127.0.0.1:${port}`,
    );
  }
  return lines.join('\n');
}

/** Where this clone's cluster lives: in the repo, unless the postgres OS user cannot reach it. */
export function clusterLocation(f: {
  readonly dataDir: string;
  /** /var/tmp/shop-postgres-<hash of the repo path> */
  readonly altDir: string;
  readonly existsInRepo: boolean;
  readonly existsInAlt: boolean;
  /** We run as root, so the cluster belongs to the postgres OS user. */
  readonly asPostgresUser: boolean;
  readonly repoReachable: boolean;
}): { readonly dir: string; readonly data: string; readonly moved: boolean } {
  const inRepo = { dir: f.dataDir, data: `${f.dataDir}/postgres`, moved: false };
  const inAlt = { dir: f.altDir, data: `${f.altDir}/data`, moved: true };
  if (f.existsInRepo) return inRepo;
  if (f.existsInAlt) return inAlt;
  return f.asPostgresUser && !f.repoReachable ? inAlt : inRepo;
}

/**
 * The binaries that may run a cluster created by PostgreSQL `clusterVersion` (undefined: a new
 * cluster gets the newest). Debian installs majors side by side in /usr/lib/postgresql/<major>.
 */
export function chooseBinaries(
  clusterVersion: string | undefined,
  installed: readonly { readonly major: string; readonly dir: string }[],
): { readonly dir: string } | { readonly error: string } {
  const sorted = [...installed].sort((a, b) => Number(b.major) - Number(a.major));
  const match = clusterVersion ? sorted.find((b) => b.major === clusterVersion) : sorted[0];
  if (match) return { dir: match.dir };
  if (!sorted[0]) return { error: 'PostgreSQL server binaries (initdb, pg_ctl) not found' };
  return {
    error:
      `the project cluster was created by PostgreSQL ${clusterVersion} but the binaries are ` +
      `${sorted.map((b) => b.major).join(', ')}; run make infra-down, remove .data/postgres, and retry`,
  };
}

/** The settings appended to the project cluster's postgresql.conf. */
export function postgresSettings(port: number, socketDir: string): string {
  return [
    '',
    '# ---- Shop dev settings (shopctl infra up) ----',
    '# Loopback only, password-less (trust) logins: a local development/test database.',
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${socketDir}'`,
    '# Many services + parallel test suites on a 2-core box: plenty of connections, modest memory.',
    'max_connections = 300',
    'shared_buffers = 256MB',
    '',
  ].join('\n');
}
