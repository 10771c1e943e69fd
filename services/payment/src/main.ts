import { createServer } from 'node:http';
import path from 'node:path';
import {
  createLogger,
  createMetrics,
  createPool,
  Lifecycle,
  loadConfig,
  openPostgresStore,
  runMain,
  startEventBackbone,
} from '@shop/common';
import { createApp } from './app';
import { configSchema } from './config';
import { subscribePayment } from './events/subscriptions';
import { createPaymentMetrics } from './metrics';
import { SimulatedProvider } from './provider/simulated-provider';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('payment', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir });
  // The simulated provider is another system: its own connections, never our transactions.
  const providerPool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  lifecycle.onStop('provider', () => providerPool.end());
  const metrics = createMetrics('payment');
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
  await lifecycle.listen('http', createServer(app), config.PORT);
  log.info({ port: config.PORT, sagaMode: config.SAGA_MODE }, 'payment service listening');
});
