import { createServer } from 'node:http';
import path from 'node:path';
import {
  createLogger,
  createMetrics,
  createPool,
  ensureDatabase,
  eventBackboneFrom,
  KIT_MIGRATIONS_DIR,
  Lifecycle,
  loadConfig,
  migrate,
  runMain,
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
  await ensureDatabase(config.DATABASE_URL);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  lifecycle.onStop('postgres', () => pool.end());
  // The simulated provider is another system: its own connections, never our transactions.
  const providerPool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  lifecycle.onStop('provider', () => providerPool.end());
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '..', 'migrations')], log);
  const metrics = createMetrics('payment');
  const events = eventBackboneFrom(config, { pool, log, registry: metrics.registry });
  lifecycle.onStop('events', () => events.stop());
  subscribePayment({
    events,
    pool,
    provider: new SimulatedProvider(providerPool, config.PAYMENT_PROVIDER_LATENCY_MS),
    metrics: createPaymentMetrics(metrics.registry),
    sagaMode: config.SAGA_MODE,
  });
  await events.start();
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  await lifecycle.listen('http', createServer(app), config.PORT);
  log.info({ port: config.PORT, sagaMode: config.SAGA_MODE }, 'payment service listening');
});
