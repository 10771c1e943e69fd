// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import { openStoreService, runService, type ServiceProcess } from '@shop/common';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { listenForChanges, ProductCache } from './query/product-cache';
import { subscribeReadModel } from './query/subscriptions';

/** The name its logs and metrics carry, and its migrations. */
const SERVICE = { name: 'product', migrationsDir: path.join(__dirname, '..', 'migrations') };

/** Wires the product service: its store, its events and the read model's subscriptions, then HTTP. */
export async function startProductService(config: Config, { log, lifecycle }: ServiceProcess) {
  const service = await openStoreService(config, { log, lifecycle }, SERVICE);
  const { pool, registry } = service;
  const events = await service.startEvents((bus) => subscribeReadModel(bus, pool, registry));
  const cache = new ProductCache();
  lifecycle.onStop('product change feed', listenForChanges(config.DATABASE_URL, cache, log));
  return service.serve(createApp({ ...service, cache, events }));
}

if (require.main === module) runService('product', configSchema, startProductService);
