import { createServer } from 'node:http';
import { createMetrics, runService, serveHttp, type ServiceProcess } from '@shop/common';
import { createApp, createMetricsApp } from './app';
import { configSchema, type GatewayConfig } from './config';
import { discoveryResolver } from './discovery/discovery-resolver';

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
  const app = createApp({ config, log, metrics, health: lifecycle.health, resolver });
  const metricsServer = createServer(createMetricsApp(metrics));
  const metricsPort = await lifecycle.listen('metrics', metricsServer, config.METRICS_PORT);
  return serveHttp({ log, lifecycle }, app, config.PORT, {
    metricsPort,
    upstreams: config.upstreamUrls,
  });
}

if (require.main === module) runService('gateway', configSchema, startGatewayService);
