import { createServer } from 'node:http';
import { createLogger, createMetrics, Lifecycle, loadConfig, runMain } from '@shop/common';
import { createApp } from './app';
import { configSchema } from './config';
import { discoveryResolver } from './discovery/discovery-resolver';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('gateway', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const metrics = createMetrics('gateway');
  const resolver = await discoveryResolver(config, log, lifecycle);
  const app = createApp({ config, log, metrics, health: lifecycle.health, resolver });
  const port = await lifecycle.listen('http', createServer(app), config.PORT);
  log.info({ port, upstreams: config.upstreamUrls }, 'gateway listening');
});
