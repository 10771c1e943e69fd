import { createServer } from 'node:http';
import path from 'node:path';
import {
  createHttpClient,
  createMetrics,
  eventBackboneFrom,
  openPostgresStore,
  type Lifecycle,
  type Logger,
  type Metrics,
} from '@shop/common';
import { createApp } from './app';
import { httpCatalog } from './catalog/catalog';
import type { Config } from './config';
import { backboneBus, StoreRelayBus, type OrderBus } from './events/bus';
import { subscribeSaga } from './events/subscriptions';
import { createOrderMetrics } from './metrics';
import { OrderSaga } from './saga/order-saga';
import { TimeoutSweeper } from './saga/timeout-sweeper';
import { MongoOrderStore } from './store/mongo-order-store';
import type { OrderStore } from './store/order-store';
import { PostgresOrderStore } from './store/postgres-order-store';

export interface RunningOrderService {
  readonly port: number;
  readonly store: OrderStore;
  readonly bus: OrderBus;
  readonly saga: OrderSaga;
  readonly sweeper: TimeoutSweeper;
}

/**
 * Wires and starts the order service as `config` says (main.ts and the tests both use it):
 * store and bus, the saga's subscriptions, the timeout sweeper, then HTTP. Every resource is
 * registered with `lifecycle`, which stops them in reverse order.
 */
export async function startOrderService(
  config: Config,
  { log, lifecycle }: { log: Logger; lifecycle: Lifecycle },
): Promise<RunningOrderService> {
  const metrics = createMetrics('order');
  const { store, bus } = await openStore(config, log, lifecycle, metrics);
  lifecycle.onStop('events', () => bus.stop());
  const orderMetrics = createOrderMetrics(metrics.registry);
  const settings = { mode: config.SAGA_MODE, stepTimeoutMs: config.SAGA_STEP_TIMEOUT_MS };
  const kickRelay = () => bus.kick();
  const saga = new OrderSaga({ store, settings, metrics: orderMetrics, log, kickRelay });
  subscribeSaga(bus, saga);
  await bus.start();
  const sweeper = new TimeoutSweeper({ store, saga, log, stepTimeoutMs: settings.stepTimeoutMs });
  sweeper.start();
  lifecycle.onStop('timeout sweeper', () => sweeper.stop());
  const catalog = httpCatalog(
    createHttpClient({ baseUrl: config.PRODUCT_URL, timeoutMs: config.PRODUCT_TIMEOUT_MS }),
  );
  const app = createApp({
    orders: {
      store,
      catalog,
      metrics: orderMetrics,
      sagaContext: () => saga.context(),
      kickRelay,
    },
    log,
    metrics,
    health: lifecycle.health,
    readiness: [store.readiness(), bus.readiness()],
  });
  const port = await lifecycle.listen('http', createServer(app), config.PORT);
  return { port, store, bus, saga, sweeper };
}

async function openStore(
  config: Config,
  log: Logger,
  lifecycle: Lifecycle,
  metrics: Metrics,
): Promise<{ store: OrderStore; bus: OrderBus }> {
  if (config.ORDER_STORE === 'mongodb') {
    const store = await MongoOrderStore.open(config.MONGO_URL!, config.MONGO_DATABASE);
    lifecycle.onStop('mongodb', () => store.close());
    return { store, bus: new StoreRelayBus(config, store, log) };
  }
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const pool = await openPostgresStore(
    { ...config, DATABASE_URL: config.DATABASE_URL! },
    { log, lifecycle, migrationsDir },
  );
  const backbone = eventBackboneFrom(config, { pool, log, registry: metrics.registry });
  return { store: new PostgresOrderStore(pool), bus: backboneBus(backbone) };
}
