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
import { subscribeInventory } from './events/subscriptions';
import { createInventoryMetrics } from './metrics';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('inventory', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir });
  const metrics = createMetrics('inventory');
  const registry = metrics.registry;
  const events = await startEventBackbone(config, { pool, log, registry, lifecycle }, (bus) =>
    subscribeInventory({
      events: bus,
      pool,
      log,
      metrics: createInventoryMetrics(registry),
      sagaMode: config.SAGA_MODE,
    }),
  );
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  await lifecycle.listen('http', createServer(app), config.PORT);
  log.info({ port: config.PORT, sagaMode: config.SAGA_MODE }, 'inventory service listening');
});
