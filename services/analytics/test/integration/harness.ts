import path from 'node:path';
import {
  Broker,
  createMetrics,
  createPool,
  KIT_MIGRATIONS_DIR,
  migrate,
  publishEvents,
  type EventEnvelope,
  type EventStreamKind,
  type Metrics,
  type Pool,
} from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  listenOnFreePort,
  type KafkaProxy,
  type TcpProxy,
  TEST_AMQP_URL,
  TEST_KAFKA_BROKERS,
  testEventBackbone,
  testLogger,
  uniqueExchange,
  waitFor,
} from '@shop/common/testing';
import { createApp } from '../../src/app';
import { CATALOG_QUEUE, subscribeCatalog } from '../../src/events/subscriptions';
import { orderFeed, type OrderFeedDeps } from '../../src/stream/order-feed';
import { ORDER_STREAM } from '../../src/stream/rabbitmq-feed';
import { kafkaLog, rabbitmqLog, type OrderLog } from './order-log';

/** Both implementations of the order log: every suite that uses this harness runs on each. */
export const ORDER_LOGS: readonly EventStreamKind[] = ['rabbitmq', 'kafka'];

/** What outlives one run of the service: its database, its exchange and its order log. */
export interface AnalyticsWorld {
  readonly databaseUrl: string;
  readonly exchange: string;
  readonly queuePrefix: string;
  /** Where the order events go: the RabbitMQ stream queue or the Kafka topic. */
  readonly log: OrderLog;
  /** Publishes like the order and product services do (confirmed, mandatory). */
  readonly publisher: Broker;
  /** Order messages published so far: the stream's next offset. */
  streamLength(): number;
  publishOrders(...events: EventEnvelope[]): Promise<void>;
  publishCatalog(...events: EventEnvelope[]): Promise<void>;
  /** A raw record in the order log, outside any contract. */
  publishRaw(content: string): Promise<void>;
  destroy(): Promise<void>;
}

export async function createWorld(kind: EventStreamKind = 'rabbitmq'): Promise<AnalyticsWorld> {
  const db = await createTestDatabase('analytics');
  const exchange = uniqueExchange();
  const queuePrefix = `${exchange}.`;
  const publisher = new Broker({ url: TEST_AMQP_URL, exchange, log: testLogger('publisher') });
  await publisher.start();
  const log = kind === 'kafka' ? kafkaLog(queuePrefix) : rabbitmqLog(publisher);
  let published = 0;
  return {
    databaseUrl: db.url,
    exchange,
    queuePrefix,
    log,
    publisher,
    streamLength: () => published,
    async publishOrders(...events) {
      await log.append(events);
      published += events.length;
    },
    publishCatalog: (...events) => publishEvents(publisher, events),
    async publishRaw(content) {
      await log.appendRaw(content);
      published += 1;
    },
    async destroy() {
      await log.destroy();
      await publisher.stop();
      await db.drop();
      const queues = [ORDER_STREAM, CATALOG_QUEUE].map((name) => `${exchange}.${name}`);
      await deleteTestBrokerObjects({ exchange, queues });
    },
  };
}

export interface AnalyticsService {
  readonly url: string;
  readonly pool: Pool;
  readonly metrics: Metrics;
  /** Resolves once the service's position is past the last record published so far. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Proxies between the service and its servers, so a test can take one away. */
export interface Links {
  readonly broker?: TcpProxy;
  readonly database?: TcpProxy;
  readonly kafka?: KafkaProxy;
}

/** The analytics service wired as main.ts wires it, on the world's database, exchange and stream. */
export async function startAnalytics(
  world: AnalyticsWorld,
  links: Links = {},
): Promise<AnalyticsService> {
  const databaseUrl = new URL(world.databaseUrl);
  if (links.database) databaseUrl.port = String(links.database.port);
  const amqpUrl = new URL(TEST_AMQP_URL);
  if (links.broker) amqpUrl.port = String(links.broker.port);
  const pool = createPool(databaseUrl.toString(), 5);
  const log = testLogger('analytics');
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '../../migrations')]);
  const metrics = createMetrics('analytics');
  const registry = metrics.registry;
  const events = testEventBackbone({
    amqpUrl: amqpUrl.toString(),
    exchange: world.exchange,
    pool,
    log,
    registry,
  });
  subscribeCatalog(events, pool);
  await events.start();
  const orders = orderFeed(feedDeps(world, { broker: events.broker, pool, registry }, links));
  await orders.start();
  const server = await listenOnFreePort(
    createApp({ pool, events, orders, log, metrics, health: { draining: false } }),
  );
  return {
    url: server.url,
    pool,
    metrics,
    caughtUp: () => caughtUp(world, pool),
    async stop() {
      await server.close();
      await orders.stop();
      await events.stop();
      await pool.end();
    },
  };
}

/** The order feed's settings as main.ts derives them, on the world's log (through `links`). */
export function feedDeps(
  world: AnalyticsWorld,
  deps: Pick<OrderFeedDeps, 'broker' | 'pool' | 'registry'>,
  links: Links = {},
): OrderFeedDeps {
  return {
    ...deps,
    stream: world.log.kind,
    kafkaBrokers: links.kafka ? [links.kafka.address] : TEST_KAFKA_BROKERS,
    log: testLogger('analytics'),
    queuePrefix: world.queuePrefix,
    maxBatch: 50,
    retryDelayMs: 50,
  };
}

/** The environment main.ts and replay.js read the world from (`kafkaBrokers`: through a proxy). */
export function serviceEnv(world: AnalyticsWorld, kafkaBrokers = TEST_KAFKA_BROKERS) {
  return {
    DATABASE_URL: world.databaseUrl,
    AMQP_URL: TEST_AMQP_URL,
    EVENTS_EXCHANGE: world.exchange,
    EVENTS_QUEUE_PREFIX: world.queuePrefix,
    EVENT_STREAM: world.log.kind,
    KAFKA_BROKERS: kafkaBrokers.join(','),
  };
}

/** Resolves once the service on `pool` has committed its position past every record published. */
export async function caughtUp(world: AnalyticsWorld, pool: Pool): Promise<void> {
  const published = world.streamLength();
  await waitFor(async () => (await world.log.committed(pool)) >= published, {
    what: `the ${world.log.kind} consumer past ${published} records`,
  });
}

export const admin = { 'x-user-id': 'admin-1', 'x-user-role': 'admin' };
export const customer = (userId: string) => ({ 'x-user-id': userId, 'x-user-role': 'customer' });

/** A counter's value from the service's metrics, e.g. messages by outcome. */
export async function counter(metrics: Metrics, name: string, labels: Record<string, string>) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const match = metric?.values.find((v) =>
    Object.entries(labels).every(([k, value]) => v.labels[k] === value),
  );
  return match?.value ?? 0;
}
