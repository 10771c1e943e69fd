// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import { createServer } from 'node:http';
import {
  createMetrics,
  createPool,
  runService,
  serveHttp,
  type ServiceProcess,
} from '@shop/common';
import { createApp, createMetricsApp, openStreams } from './app';
import { configSchema, type GatewayConfig } from './config';
import { discoveryResolver } from './discovery/discovery-resolver';
import { LeasedRateLimitStore } from './edge/leased-rate-limit-store';
import { PostgresHitCounter } from './edge/postgres-hit-counter';

/**
 * Wires the gateway: upstream discovery, then HTTP (the edge, the routes and the proxy) on the
 * public port and `/metrics` on a private one.
 */
export async function startGatewayService(
  config: GatewayConfig,
  { log, lifecycle }: ServiceProcess,
) {
  const metrics = createMetrics('gateway');
  const resolver = await discoveryResolver(config, log, lifecycle);
  let rateLimitStore: LeasedRateLimitStore | undefined;
  if (config.RATE_LIMIT_DATABASE_URL) {
    // A slow or lost database costs a request at most RATE_LIMIT_STORE_TIMEOUT_MS: then the
    // request goes through uncounted (the limiter fails open).
    const pool = createPool(config.RATE_LIMIT_DATABASE_URL, 4, config.RATE_LIMIT_STORE_TIMEOUT_MS);
    lifecycle.onStop('rate-limit store', () => pool.end());
    const counter = new PostgresHitCounter(pool);
    rateLimitStore = new LeasedRateLimitStore(counter, config.RATE_LIMIT_LEASE_MAX);
  }
  const streams = openStreams(config);
  const deps = {
    config,
    log,
    metrics,
    health: lifecycle.health,
    resolver,
    rateLimitStore,
    streams,
  };
  const app = createApp(deps);
  const metricsServer = createServer(createMetricsApp(metrics));
  const metricsPort = await lifecycle.listen('metrics', metricsServer, config.METRICS_PORT);
  const port = await serveHttp({ log, lifecycle }, app, config.PORT, {
    metricsPort,
    upstreams: config.upstreamUrls,
  });
  // Registered after HTTP so it runs first: open event streams would hold the server open.
  lifecycle.onStop('event streams', () => streams.closeAll());
  return port;
}

if (require.main === module) runService('gateway', configSchema, startGatewayService);
