import path from 'node:path';
import { topology, urlEnvName, type ServiceSpec } from '@shop/topology';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Where a local stack runs and how it is isolated from another stack on the same servers. */
export interface StackOptions {
  /** PostgreSQL server URL without a database. @default postgres://postgres@127.0.0.1:5432 */
  readonly postgresUrl: string;
  readonly amqpUrl: string;
  /** Prefix of each service's database name: `<prefix><service>`. @default 'shop_' */
  readonly databasePrefix: string;
  /** @default 'shop.events' */
  readonly exchange: string;
  /** Prepended to queue names. @default '' */
  readonly queuePrefix: string;
  /** Added to every topology port (a second stack next to the demo). @default 0 */
  readonly portOffset: number;
  /** Extra variables for every service (the caller's environment in `make demo`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** When set, every service appends its outbound HTTP calls here (conformance check). */
  readonly callLogFile?: string;
  /**
   * The user service's JWT signing key (PKCS8 PEM). One per stack, as a cluster's Secret
   * outlives its pods: a user process restarted after a crash signs with the key the gateway
   * already trusts, so sessions stay valid. startStack makes one when none is given.
   */
  readonly signingKey?: string;
  /** Extra variables per service, applied last. */
  readonly serviceEnv?: Readonly<Partial<Record<string, Record<string, string>>>>;
}

export const DEFAULT_STACK: StackOptions = {
  postgresUrl: 'postgres://postgres@127.0.0.1:5432',
  amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
  databasePrefix: 'shop_',
  exchange: 'shop.events',
  queuePrefix: '',
  portOffset: 0,
  env: {},
};

export function httpPort(spec: ServiceSpec, options: StackOptions): number {
  return spec.httpPort + options.portOffset;
}

export function serviceUrl(name: string, options: StackOptions): string {
  const spec = topology.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown service ${name}`);
  return `http://127.0.0.1:${httpPort(spec, options)}`;
}

/**
 * glibc's malloc as the image sets it: blocks of 128 KiB and more always mapped and unmapped.
 * Left to itself it raises that threshold once such a block is freed, so the user service's
 * scrypt buffers (16 MiB and more each) stay resident after every password hash.
 */
export const SERVICE_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;

/** The environment of one service in a local stack, derived from the topology. */
export function serviceEnv(spec: ServiceSpec, options: StackOptions): Record<string, string> {
  const env: Record<string, string> = {
    ...SERVICE_MALLOC_ENV,
    ADMIN_EMAIL: 'admin@shop.local',
    ADMIN_PASSWORD: 'shop-admin-local',
    ...definedOnly(options.env),
    PORT: String(httpPort(spec, options)),
    AMQP_URL: options.amqpUrl,
    EVENTS_EXCHANGE: options.exchange,
    EVENTS_QUEUE_PREFIX: options.queuePrefix,
  };
  if (spec.store !== 'none') {
    env.DATABASE_URL = `${options.postgresUrl}/${options.databasePrefix}${spec.name}`;
  }
  for (const call of spec.calls) {
    const callee = topology.find((s) => s.name === call.to)!;
    if (call.protocol === 'http') env[urlEnvName(call.to)] = serviceUrl(call.to, options);
    else env.USER_GRPC_ADDR = `127.0.0.1:${(callee.grpcPort ?? 0) + options.portOffset}`;
  }
  if (spec.grpcPort) env.GRPC_PORT = String(spec.grpcPort + options.portOffset);
  if (spec.name === 'user' && options.signingKey) env.JWT_PRIVATE_KEY ??= options.signingKey;
  if (options.callLogFile) env.CALL_LOG_FILE = options.callLogFile;
  return withTestHooks({ ...env, ...options.serviceEnv?.[spec.name] });
}

/**
 * The kit's test hooks (an outbound call log, duplicate deliveries) are a preload a service
 * process only gets when a test asks for one of them.
 */
function withTestHooks(env: Record<string, string>): Record<string, string> {
  if (!env.CALL_LOG_FILE && env.EVENT_DUPLICATE_DELIVERY !== 'true') return env;
  const preload = path.join(REPO_ROOT, 'services/common/dist/testing/preload.js');
  return { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() };
}

function definedOnly(env: StackOptions['env']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** The service listening on `url`'s port in this stack, if any. */
export function serviceAt(url: string, options: StackOptions): string | undefined {
  const port = Number(new URL(url).port);
  return topology.find((s) => httpPort(s, options) === port)?.name;
}
