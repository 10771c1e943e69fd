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
import { subscribeInventory } from './events/subscriptions';
import { createInventoryMetrics } from './metrics';

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/** Wires the inventory service: its store, its events and subscriptions, then HTTP. */
export async function startInventoryService(config: Config, { log, lifecycle }: ServiceProcess) {
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir: MIGRATIONS_DIR });
  const metrics = createMetrics('inventory');
  const registry = metrics.registry;
  const events = await startEventBackbone(config, { pool, log, registry, lifecycle }, (bus) =>
    subscribeInventory({
      events: bus,
      pool,
      log,
      metrics: createInventoryMetrics(registry),
      registry,
      sagaMode: config.SAGA_MODE,
    }),
  );
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  return serveHttp({ log, lifecycle }, app, config.PORT, { sagaMode: config.SAGA_MODE });
}

if (require.main === module) runService('inventory', configSchema, startInventoryService);
