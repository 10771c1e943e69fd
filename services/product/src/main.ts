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
import { listenForChanges, ProductCache } from './query/product-cache';
import { subscribeReadModel } from './query/subscriptions';

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/** Wires the product service: its store, its events and the read model's subscriptions, then HTTP. */
export async function startProductService(config: Config, { log, lifecycle }: ServiceProcess) {
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir: MIGRATIONS_DIR });
  const metrics = createMetrics('product');
  const registry = metrics.registry;
  const events = await startEventBackbone(config, { pool, log, registry, lifecycle }, (bus) =>
    subscribeReadModel(bus, pool, registry),
  );
  const cache = new ProductCache();
  lifecycle.onStop('product change feed', listenForChanges(config.DATABASE_URL, cache, log));
  const app = createApp({ pool, cache, events, log, metrics, health: lifecycle.health });
  return serveHttp({ log, lifecycle }, app, config.PORT);
}

if (require.main === module) runService('product', configSchema, startProductService);
