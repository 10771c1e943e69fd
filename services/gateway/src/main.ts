import { createMetrics, runService, serveHttp, type ServiceProcess } from '@shop/common';
import { createApp } from './app';
import { configSchema, type GatewayConfig } from './config';
import { discoveryResolver } from './discovery/discovery-resolver';

/** Wires the gateway: upstream discovery, then HTTP (the edge, the routes and the proxy). */
export async function startGatewayService(
  config: GatewayConfig,
  { log, lifecycle }: ServiceProcess,
) {
  const metrics = createMetrics('gateway');
  const resolver = await discoveryResolver(config, log, lifecycle);
  const app = createApp({ config, log, metrics, health: lifecycle.health, resolver });
  return serveHttp({ log, lifecycle }, app, config.PORT, { upstreams: config.upstreamUrls });
}

if (require.main === module) runService('gateway', configSchema, startGatewayService);
