import path from 'node:path';

/** A server the project expects, and whether the environment points somewhere else. */
export interface Target {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Set by an override to a server that is not the local default: wait for it, start nothing. */
  readonly external: boolean;
  readonly waitMs: number;
}

/** What `shopctl infra` works on, read once from the environment. */
export interface InfraConfig {
  readonly repoDir: string;
  /** `<repo>/.data`: the project cluster, logs, FerretDB's state, the broker marker. */
  readonly dataDir: string;
  readonly postgres: Target;
  readonly rabbitmq: Target & { readonly managementPort: number };
  readonly ferretdb: {
    readonly url: string;
    readonly port: number;
    readonly bin: string;
    /** FERRETDB_PUSHDOWN=1: see ferretdb.ts for why it is off by default. */
    readonly pushdown: boolean;
  };
}

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const REPO_DIR = path.resolve(__dirname, '../../../..');

export function loadInfraConfig(
  env: Readonly<Record<string, string | undefined>>,
  repoDir = REPO_DIR,
): InfraConfig {
  return {
    repoDir,
    dataDir: path.join(repoDir, '.data'),
    postgres: target(env.DATABASE_ADMIN_URL, DEFAULT_POSTGRES_URL, env.INFRA_PG_WAIT_SECS),
    rabbitmq: {
      ...target(env.AMQP_URL, DEFAULT_AMQP_URL, env.INFRA_RABBIT_WAIT_SECS),
      managementPort: 15672,
    },
    ferretdb: {
      url: 'mongodb://127.0.0.1:27017/',
      port: 27017,
      bin: path.join(repoDir, 'bin', 'ferretdb'),
      pushdown: env.FERRETDB_PUSHDOWN === '1',
    },
  };
}

function target(override: string | undefined, fallback: string, waitSecs?: string): Target {
  const url = override || fallback;
  const parsed = new URL(url);
  const defaults = new URL(fallback);
  const port = Number(parsed.port || defaults.port);
  const loopback = ['127.0.0.1', 'localhost'].includes(parsed.hostname);
  return {
    url,
    host: parsed.hostname === 'localhost' ? '127.0.0.1' : parsed.hostname,
    port,
    external: !(loopback && port === Number(defaults.port)),
    waitMs: 1000 * (Number(waitSecs) || 60),
  };
}

/** `url` with its password hidden, for messages. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString().replace(/\/$/, '');
}
