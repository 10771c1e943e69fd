// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import { openStoreService, runService, type ServiceProcess } from '@shop/common';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { subscribeInventory } from './events/subscriptions';
import { createInventoryMetrics } from './metrics';

/** The name its logs and metrics carry, and its migrations. */
const SERVICE = { name: 'inventory', migrationsDir: path.join(__dirname, '..', 'migrations') };

/** Wires the inventory service: its store, its events and subscriptions, then HTTP. */
export async function startInventoryService(config: Config, { log, lifecycle }: ServiceProcess) {
  const service = await openStoreService(config, { log, lifecycle }, SERVICE);
  const { pool, registry } = service;
  const events = await service.startEvents((bus) =>
    subscribeInventory({
      events: bus,
      pool,
      log,
      metrics: createInventoryMetrics(registry),
      registry,
      sagaMode: config.SAGA_MODE,
    }),
  );
  return service.serve(createApp({ ...service, events }), { sagaMode: config.SAGA_MODE });
}

if (require.main === module) runService('inventory', configSchema, startInventoryService);
