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
import { subscribeReadModel } from './query/subscriptions';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const service = await startStoreService('product', config, migrationsDir);
  const { log, lifecycle, pool, metrics } = service;
  const events = await startEventBackbone(
    config,
    { pool, log, registry: metrics.registry, lifecycle },
    (bus) => subscribeReadModel(bus, pool, metrics.registry),
  );
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  await serveHttp(service, app, config.PORT);
});
