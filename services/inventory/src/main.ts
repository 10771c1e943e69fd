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
import { subscribeInventory } from './events/subscriptions';
import { createInventoryMetrics } from './metrics';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const service = await startStoreService('inventory', config, migrationsDir);
  const { log, lifecycle, pool, metrics } = service;
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
  await serveHttp(service, app, config.PORT, { sagaMode: config.SAGA_MODE });
});
