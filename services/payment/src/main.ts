// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import {
  createMetrics,
  createPool,
  openPostgresStore,
  runService,
  serveHttp,
  startEventBackbone,
  type ServiceProcess,
} from '@shop/common';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { subscribePayment } from './events/subscriptions';
import { createPaymentMetrics } from './metrics';
import { SimulatedProvider } from './provider/simulated-provider';

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/** Wires the payment service: its store, the provider, its events and subscriptions, then HTTP. */
export async function startPaymentService(config: Config, { log, lifecycle }: ServiceProcess) {
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir: MIGRATIONS_DIR });
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
      log,
      registry,
      sagaMode: config.SAGA_MODE,
    }),
  );
  const app = createApp({ pool, events, log, metrics, health: lifecycle.health });
  return serveHttp({ log, lifecycle }, app, config.PORT, { sagaMode: config.SAGA_MODE });
}

if (require.main === module) runService('payment', configSchema, startPaymentService);
