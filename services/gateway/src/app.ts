import { Agent } from 'node:http';
import {
  createServiceApp,
  metricsRoute,
  type HealthState,
  type Logger,
  type Metrics,
} from '@shop/common';
import type { ServiceName } from '@shop/topology';
import express, { type Express } from 'express';
import type { Store } from 'express-rate-limit';
import { Counter } from 'prom-client';
import { stripClientIdentity } from './auth/access';
import { jwksTokenVerifier, type TokenVerifier } from './auth/token-verifier';
import { cachedVerifier } from './auth/verified-token-cache';
import { UPSTREAMS, type GatewayConfig } from './config';
import { dashboardHandler } from './dashboard/dashboard';
import { bodyLimit } from './edge/body-limit';
import { perClientRateLimit } from './edge/rate-limit';
import { securityHeaders } from './edge/security-headers';
import { buildOpenApiDocument } from './openapi/document';
import { OpenStreams } from './proxy/event-streams';
import { staticResolver, type UpstreamResolver } from './proxy/resolver';
import { upstreamProxy } from './proxy/upstream-proxy';
import { declaredRouteLabel, gatewayRouter } from './routes/gateway-router';
import { localHandlers } from './routes/local-handlers';
import { ROUTES } from './routes/table';

const UPSTREAM_IDLE_MS = 4000;

export interface GatewayDeps {
  readonly config: GatewayConfig;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
  /** Where each upstream lives. @default the configured `<NAME>_URL`s */
  readonly resolver?: UpstreamResolver;
  /** Rate-limit counters shared by the replicas. @default this process's memory */
  readonly rateLimitStore?: Store;
  /** @default JWTs checked against the user service's JWKS */
  readonly verifier?: TokenVerifier;
  /** The event streams being passed on (cut on shutdown). @default a set of this app's own */
  readonly streams?: OpenStreams;
}

/** The gateway: the public API of DESIGN.md, each route checked, limited and forwarded. */
export function createApp(deps: GatewayDeps): Express {
  const { config, log, metrics } = deps;
  const verifier =
    deps.verifier ??
    cachedVerifier(
      jwksTokenVerifier({
        jwksUrl: config.JWKS_URL,
        timeoutMs: config.UPSTREAM_TIMEOUT_MS,
        cooldownMs: config.JWKS_COOLDOWN_MS,
      }),
    );
  const resolver = deps.resolver ?? staticResolver(config.upstreamUrls);
  const proxyFor = upstreamProxies(deps, resolver);
  const dashboard = dashboardHandler({
    resolver,
    partTimeoutMs: config.DASHBOARD_PART_TIMEOUT_MS,
    log,
    registry: metrics.registry,
  });
  const serviceOptions = {
    servesMetrics: false,
    traceResponse: true,
    log,
    metrics,
    readiness: [],
    health: deps.health,
    parseJson: false,
    routeLabel: declaredRouteLabel,
  };
  return createServiceApp(serviceOptions, (app) => {
    app.set('trust proxy', config.TRUST_PROXY);
    app.use(stripClientIdentity, securityHeaders);
    app.use(perClientRateLimit(config.RATE_LIMIT_PER_MINUTE, log, deps.rateLimitStore));
    const router = gatewayRouter({
      routes: ROUTES,
      verifier,
      proxyFor,
      local: localHandlers(buildOpenApiDocument(ROUTES), dashboard),
      bodyLimit: bodyLimit(config.BODY_LIMIT),
    });
    app.use(router);
  });
}

/** The private listener's app: `GET /metrics` only (the public one has no such route). */
export function createMetricsApp(metrics: Metrics): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsRoute(metrics));
  return app;
}

/** The event streams' limits as configured. */
export function openStreams(config: GatewayConfig): OpenStreams {
  return new OpenStreams({ idleMs: config.STREAM_IDLE_TIMEOUT_MS, maxMs: config.STREAM_MAX_MS });
}

function upstreamProxies(deps: GatewayDeps, resolver: UpstreamResolver) {
  const options = {
    resolver,
    // Idle sockets retire before an upstream's keep-alive timeout could close them (Node's
    // default is 5 s; a shorter `Keep-Alive: timeout` hint from the upstream wins).
    agent: new Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS }),
    timeoutMs: deps.config.UPSTREAM_TIMEOUT_MS,
    streams: deps.streams ?? openStreams(deps.config),
    log: deps.log,
    errors: new Counter({
      name: 'gateway_upstream_errors_total',
      help: 'Proxied requests that failed, by upstream and kind (timeout, unreachable, failed)',
      labelNames: ['upstream', 'kind'] as const,
      registers: [deps.metrics.registry],
    }),
  };
  const proxies = new Map(UPSTREAMS.map((name) => [name, upstreamProxy(name, options)]));
  return (upstream: ServiceName) => {
    const proxy = proxies.get(upstream);
    if (!proxy)
      throw new Error(`route to ${upstream}, which the topology does not let the gateway call`);
    return proxy;
  };
}
