// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import {
  createMetrics,
  openPostgresStore,
  runService,
  serveHttp,
  startEventBackbone,
  type ServiceProcess,
} from '@shop/common';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { subscribeCatalog } from './events/subscriptions';
import { orderFeed } from './stream/order-feed';

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/** Wires the analytics service: its store, the catalog events, the order feed (EVENT_STREAM), then HTTP. */
export async function startAnalyticsService(config: Config, { log, lifecycle }: ServiceProcess) {
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir: MIGRATIONS_DIR });
  const metrics = createMetrics('analytics');
  const registry = metrics.registry;
  const events = await startEventBackbone(config, { pool, log, registry, lifecycle }, (bus) =>
    subscribeCatalog(bus, pool),
  );
  const orders = orderFeed({
    stream: config.EVENT_STREAM,
    broker: events.broker,
    kafkaBrokers: config.KAFKA_BROKERS,
    pool,
    log,
    registry,
    queuePrefix: config.EVENTS_QUEUE_PREFIX,
    maxBatch: config.ANALYTICS_STREAM_PREFETCH,
    retryDelayMs: config.EVENT_RETRY_DELAY_MS,
  });
  lifecycle.onStop('order stream', () => orders.stop());
  await orders.start();
  const app = createApp({ pool, events, orders, log, metrics, health: lifecycle.health });
  return serveHttp({ log, lifecycle }, app, config.PORT);
}

if (require.main === module) runService('analytics', configSchema, startAnalyticsService);
