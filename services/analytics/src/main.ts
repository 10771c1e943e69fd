// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import { openStoreService, runService, type ServiceProcess } from '@shop/common';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { subscribeCatalog } from './events/subscriptions';
import { orderFeed } from './stream/order-feed';

/** The name its logs and metrics carry, and its migrations. */
const SERVICE = { name: 'analytics', migrationsDir: path.join(__dirname, '..', 'migrations') };

/** Wires the analytics service: its store, the catalog events, the order feed (EVENT_STREAM), then HTTP. */
export async function startAnalyticsService(config: Config, { log, lifecycle }: ServiceProcess) {
  const service = await openStoreService(config, { log, lifecycle }, SERVICE);
  const { pool, registry } = service;
  const events = await service.startEvents((bus) => subscribeCatalog(bus, pool));
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
  return service.serve(createApp({ ...service, events, orders }));
}

if (require.main === module) runService('analytics', configSchema, startAnalyticsService);
