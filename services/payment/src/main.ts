// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import { createPool, openStoreService, runService, type ServiceProcess } from '@shop/common';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { subscribePayment } from './events/subscriptions';
import { createPaymentMetrics } from './metrics';
import { SimulatedProvider } from './provider/simulated-provider';

/** The name its logs and metrics carry, and its migrations. */
const SERVICE = { name: 'payment', migrationsDir: path.join(__dirname, '..', 'migrations') };

/** Wires the payment service: its store, the provider, its events and subscriptions, then HTTP. */
export async function startPaymentService(config: Config, { log, lifecycle }: ServiceProcess) {
  const service = await openStoreService(config, { log, lifecycle }, SERVICE);
  const { pool, registry } = service;
  // The simulated provider is another system: its own connections, never our transactions.
  const providerPool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  lifecycle.onStop('provider', () => providerPool.end());
  const events = await service.startEvents((bus) =>
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
  return service.serve(createApp({ ...service, events }), { sagaMode: config.SAGA_MODE });
}

if (require.main === module) runService('payment', configSchema, startPaymentService);
