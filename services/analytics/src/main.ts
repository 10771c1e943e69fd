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
import { orderStreamConsumer, subscribeCatalog } from './events/subscriptions';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('analytics', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir });
  const metrics = createMetrics('analytics');
  const registry = metrics.registry;
  const events = await startEventBackbone(config, { pool, log, registry, lifecycle }, (bus) =>
    subscribeCatalog(bus, pool),
  );
  const orders = orderStreamConsumer({
    broker: events.broker,
    pool,
    log,
    registry,
    queuePrefix: config.EVENTS_QUEUE_PREFIX,
    prefetch: config.ANALYTICS_STREAM_PREFETCH,
    retryDelayMs: config.EVENT_RETRY_DELAY_MS,
  });
  lifecycle.onStop('order stream', () => orders.stop());
  await orders.start();
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  await lifecycle.listen('http', createServer(app), config.PORT);
  log.info({ port: config.PORT }, 'analytics service listening');
});
