import { createServer } from 'node:http';
import path from 'node:path';
import {
  createLogger,
  createMetrics,
  Lifecycle,
  loadConfig,
  openPostgresStore,
  runMain,
  startEventBackbone,
} from '@shop/common';
import { createApp } from './app';
import { configSchema } from './config';
import { subscribeReadModel } from './query/subscriptions';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('product', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir });
  const metrics = createMetrics('product');
  const events = await startEventBackbone(
    config,
    { pool, log, registry: metrics.registry, lifecycle },
    (bus) => subscribeReadModel(bus, pool, metrics.registry),
  );
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  await lifecycle.listen('http', createServer(app), config.PORT);
  log.info({ port: config.PORT }, 'product service listening');
});
