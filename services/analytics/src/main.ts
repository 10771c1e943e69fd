import path from 'node:path';
import {
  loadConfig,
  runMain,
  serveHttp,
  startEventBackbone,
  startStoreService,
} from '@shop/common';
import { createApp } from './app';
import { configSchema } from './config';
import { orderStreamConsumer, subscribeCatalog } from './events/subscriptions';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const service = await startStoreService('analytics', config, migrationsDir);
  const { log, lifecycle, pool, metrics } = service;
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
  await serveHttp(service, app, config.PORT);
});
