import { baseConfig } from '@shop/common';
import { JWKS_PATH, JWKS_SERVICE, serviceSpec, urlEnvName, type ServiceName } from '@shop/topology';
import { z } from 'zod';

/** The services the gateway forwards to: the topology's synchronous calls of `gateway`. */
export const UPSTREAMS: readonly ServiceName[] = serviceSpec('gateway').calls.map((c) => c.to);

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');
/** Plain HTTP: in the cluster the sidecars add mutual TLS. */
const upstreamUrl = z.url({ protocol: /^http$/ }).transform(withoutTrailingSlash);
const httpUrl = z.url({ protocol: /^https?$/ }).transform(withoutTrailingSlash);

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** `100kb`, `1mb`, `512b` or a plain byte count, as bytes. */
const byteSize = z
  .string()
  .regex(/^\d+\s*(b|kb|mb)?$/i, 'expected a size such as 100kb or 1mb')
  .transform((value) => {
    const [, amount, unit] = /^(\d+)\s*(b|kb|mb)?$/i.exec(value)!;
    return Number(amount) * (UNITS[(unit ?? 'b').toLowerCase()] ?? 1);
  });

/** Express `trust proxy` hops: `false`/`0` trusts no proxy (the client's address is the peer's). */
const trustProxy = z
  .union([z.enum(['false', 'true']), z.coerce.number().int().min(0).max(10)])
  .refine(
    (v) => v !== 'true',
    'trusting every proxy lets any client choose its own address; give a hop count',
  )
  .transform((v) => (v === 'false' || v === 0 ? false : Number(v)));

const settings = z.object({
  ...baseConfig,
  ...Object.fromEntries(UPSTREAMS.map((name) => [urlEnvName(name), upstreamUrl])),
  JWKS_URL: httpUrl.optional(),
  JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /**
   * An event stream (`GET /api/orders/:id/events`) is not held to UPSTREAM_TIMEOUT_MS once it
   * has begun: it is cut after this long without a byte (the order service sends a heartbeat
   * every 15 s) or after STREAM_MAX_MS in all.
   */
  STREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(45_000),
  STREAM_MAX_MS: z.coerce.number().int().positive().default(300_000),
  /**
   * `/metrics` listens here, never on the public `PORT` (DESIGN.md: for the cluster's
   * Prometheus only). `0`: a free port, logged at start (local stacks run side by side).
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** `dns`: the upstream URLs (Kubernetes DNS in the cluster); `kubernetes`: EndpointSlices. */
  DISCOVERY: z.enum(['dns', 'kubernetes']).default('dns'),
  DISCOVERY_NAMESPACE: z.string().min(1).default('shop'),
  /** The API server's Service, set by the kubelet in every pod (used with DISCOVERY=kubernetes). */
  KUBERNETES_SERVICE_HOST: z.string().min(1).default('kubernetes.default.svc'),
  KUBERNETES_SERVICE_PORT: z.coerce.number().int().positive().default(443),
  DASHBOARD_PART_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** PostgreSQL holding the rate-limit counters every replica shares; unset: per process. */
  RATE_LIMIT_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** The most a counter update may take; a slower or lost database lets the request through. */
  RATE_LIMIT_STORE_TIMEOUT_MS: z.coerce.number().int().positive().default(500),
  /**
   * The most hits of a client's budget a replica reserves from the shared store in one update
   * and spends without asking again; other replicas can refuse that client early by as many.
   */
  RATE_LIMIT_LEASE_MAX: z.coerce.number().int().positive().default(50),
  TRUST_PROXY: trustProxy.default(false),
  BODY_LIMIT: byteSize.default(100 * 1024),
});

export type GatewayConfig = Omit<z.infer<typeof settings>, 'JWKS_URL'> & {
  /** Base URL of each upstream, e.g. `{ user: 'http://user' }`. */
  readonly upstreamUrls: Readonly<Partial<Record<ServiceName, string>>>;
  readonly JWKS_URL: string;
};

/** The gateway's environment: base fields, one `<NAME>_URL` per upstream, its own limits. */
export const configSchema = settings.transform((env): GatewayConfig => {
  const urls = env as unknown as Record<string, string>;
  const upstreamUrls = Object.fromEntries(UPSTREAMS.map((name) => [name, urls[urlEnvName(name)]]));
  return {
    ...env,
    upstreamUrls,
    JWKS_URL: env.JWKS_URL ?? `${upstreamUrls[JWKS_SERVICE]}${JWKS_PATH}`,
  };
});
