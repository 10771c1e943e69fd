import path from 'node:path';
import {
  createPool,
  loadConfig,
  runMain,
  serveHttp,
  startEventBackbone,
  startStoreService,
} from '@shop/common';
import { createApp } from './app';
import { configSchema } from './config';
import { subscribePayment } from './events/subscriptions';
import { createPaymentMetrics } from './metrics';
import { SimulatedProvider } from './provider/simulated-provider';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const service = await startStoreService('payment', config, migrationsDir);
  const { log, lifecycle, pool, metrics } = service;
  // The simulated provider is another system: its own connections, never our transactions.
  const providerPool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  lifecycle.onStop('provider', () => providerPool.end());
  const registry = metrics.registry;
  const events = await startEventBackbone(config, { pool, log, registry, lifecycle }, (bus) =>
    subscribePayment({
      events: bus,
      pool,
      provider: new SimulatedProvider(providerPool, config.PAYMENT_PROVIDER_LATENCY_MS),
      metrics: createPaymentMetrics(registry),
      sagaMode: config.SAGA_MODE,
    }),
  );
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  await serveHttp(service, app, config.PORT, { sagaMode: config.SAGA_MODE });
});
