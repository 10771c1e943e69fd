// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import {
  createHttpClient,
  createMetrics,
  eventBackboneFrom,
  openPostgresStore,
  outboxRelay,
  runService,
  serveHttp,
  type RelayFactory,
  type EventBackbone,
  type Metrics,
  type ServiceProcess,
} from '@shop/common';
import { createApp } from './app';
import { httpCatalog } from './catalog/catalog';
import { configSchema, type Config } from './config';
import { PendingEventRelay } from './events/pending-event-relay';
import { subscribeSaga } from './events/subscriptions';
import { OrderFeed } from './live/order-feed';
import { createOrderMetrics } from './metrics';
import { UNCONSUMED_ON_THE_EXCHANGE } from './saga/messages';
import { OrderSaga } from './saga/order-saga';
import { TimeoutSweeper } from './saga/timeout-sweeper';
import type { OrderStore, StoredOrder } from './store/order-store';
import { PostgresOrderStore } from './store/postgres-order-store';

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

export interface RunningOrderService {
  readonly port: number;
  readonly store: OrderStore;
  readonly bus: EventBackbone;
  readonly saga: OrderSaga;
  readonly sweeper: TimeoutSweeper;
  readonly feed: OrderFeed;
}

/**
 * Wires and starts the order service as `config` says (tests start the same wiring): store and
 * bus, the saga's subscriptions, the timeout sweeper, then HTTP. Every resource is registered
 * with `lifecycle`, which stops them in reverse order.
 */
export async function startOrderService(
  config: Config,
  { log, lifecycle }: ServiceProcess,
): Promise<RunningOrderService> {
  const metrics = createMetrics('order');
  const { store, bus } = await openStore(config, { log, lifecycle }, metrics);
  lifecycle.onStop('events', () => bus.stop());
  const orderMetrics = createOrderMetrics(metrics.registry);
  const settings = { mode: config.SAGA_MODE, stepTimeoutMs: config.SAGA_STEP_TIMEOUT_MS };
  const kickRelay = () => bus.relay.kick();
  const feed = new OrderFeed({ store, pollMs: config.ORDER_EVENTS_POLL_MS, log });
  const onChange = (order: StoredOrder) => feed.changed(order);
  const saga = new OrderSaga({ store, settings, metrics: orderMetrics, log, kickRelay, onChange });
  subscribeSaga(bus, saga);
  await bus.start();
  const sweeper = new TimeoutSweeper({ store, saga, log, stepTimeoutMs: settings.stepTimeoutMs });
  sweeper.start();
  lifecycle.onStop('timeout sweeper', () => sweeper.stop());
  const catalog = httpCatalog(
    createHttpClient({ baseUrl: config.PRODUCT_URL, timeoutMs: config.PRODUCT_TIMEOUT_MS }),
  );
  const app = createApp({
    orders: { store, catalog, metrics: orderMetrics, sagaContext: () => saga.context(), kickRelay },
    live: { feed, heartbeatMs: config.ORDER_EVENTS_HEARTBEAT_MS },
    log,
    metrics,
    health: lifecycle.health,
    readiness: [store.readiness(), bus.readiness()],
  });
  const fields = { store: config.ORDER_STORE, sagaMode: config.SAGA_MODE };
  const port = await serveHttp({ log, lifecycle }, app, config.PORT, fields);
  // Registered after HTTP so it runs first: open streams end, then the server can close.
  lifecycle.onStop('order streams', () => feed.close());
  return { port, store, bus, saga, sweeper, feed };
}

/** The store as configured and the backbone with its relay: the outbox table, or Mongo's own. */
async function openStore(
  config: Config,
  { log, lifecycle }: ServiceProcess,
  metrics: Metrics,
): Promise<{ store: OrderStore; bus: EventBackbone }> {
  const streamAlone = UNCONSUMED_ON_THE_EXCHANGE[config.SAGA_MODE];
  const busDeps = { log, registry: metrics.registry, streamAlone };
  if (config.ORDER_STORE === 'mongodb') {
    // Only here: the MongoDB driver (150 modules, about 5 MB resident) loads when it is the store.
    const { MongoOrderStore } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./store/mongo-order-store') as typeof import('./store/mongo-order-store');
    const store = await MongoOrderStore.open(config.MONGO_URL!, config.MONGO_DATABASE);
    lifecycle.onStop('mongodb', () => store.close());
    const relay: RelayFactory = (broker, stream) =>
      new PendingEventRelay({ outbox: store.outbox, broker, stream, log });
    return { store, bus: eventBackboneFrom(config, { ...busDeps, relay }) };
  }
  const pool = await openPostgresStore(
    { ...config, DATABASE_URL: config.DATABASE_URL! },
    { log, lifecycle, migrationsDir: MIGRATIONS_DIR },
  );
  const relay = outboxRelay({ pool, log, registry: metrics.registry });
  const bus = eventBackboneFrom(config, { ...busDeps, relay });
  return { store: new PostgresOrderStore(pool), bus };
}

if (require.main === module) runService('order', configSchema, startOrderService);
