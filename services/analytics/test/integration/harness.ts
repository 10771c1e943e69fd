import path from 'node:path';
import {
  Broker,
  createMetrics,
  createPool,
  KIT_MIGRATIONS_DIR,
  migrate,
  publishEvents,
  type EventEnvelope,
  type Metrics,
  type Pool,
} from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  listenOnFreePort,
  type TcpProxy,
  TEST_AMQP_URL,
  testEventBackbone,
  testLogger,
  uniqueExchange,
  waitFor,
} from '@shop/common/testing';
import { createApp } from '../../src/app';
import {
  CATALOG_QUEUE,
  ORDER_STREAM,
  orderStreamConsumer,
  subscribeCatalog,
} from '../../src/events/subscriptions';
import { readPosition } from '../../src/store/stream-position';

/** What outlives one run of the service: its database, its exchange and its stream. */
export interface AnalyticsWorld {
  readonly databaseUrl: string;
  readonly exchange: string;
  readonly queuePrefix: string;
  /** Publishes like the order and product services do (confirmed, mandatory). */
  readonly publisher: Broker;
  /** Order messages published so far: the stream's next offset. */
  streamLength(): number;
  publishOrders(...events: EventEnvelope[]): Promise<void>;
  publishCatalog(...events: EventEnvelope[]): Promise<void>;
  /** A raw message on the order stream's routing key, outside any contract. */
  publishRaw(routingKey: string, content: string): Promise<void>;
  destroy(): Promise<void>;
}

export async function createWorld(): Promise<AnalyticsWorld> {
  const db = await createTestDatabase('analytics');
  const exchange = uniqueExchange();
  const publisher = new Broker({ url: TEST_AMQP_URL, exchange, log: testLogger('publisher') });
  await publisher.start();
  let published = 0;
  return {
    databaseUrl: db.url,
    exchange,
    queuePrefix: `${exchange}.`,
    publisher,
    streamLength: () => published,
    async publishOrders(...events) {
      await publishEvents(publisher, events);
      published += events.length;
    },
    publishCatalog: (...events) => publishEvents(publisher, events),
    async publishRaw(routingKey, content) {
      const { channel } = publisher.publishChannel();
      channel.publish(exchange, routingKey, Buffer.from(content), { persistent: true });
      await channel.waitForConfirms();
      published += 1;
    },
    async destroy() {
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
  /** Resolves once the stored offset reaches the last message published so far. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Proxies between the service and its servers, so a test can take one away. */
export interface Links {
  readonly broker?: TcpProxy;
  readonly database?: TcpProxy;
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
  const orders = orderStreamConsumer({
    broker: events.broker,
    pool,
    log,
    registry,
    queuePrefix: world.queuePrefix,
    prefetch: 50,
    retryDelayMs: 50,
  });
  await orders.start();
  const server = await listenOnFreePort(
    createApp({ pool, events, log, metrics, health: { draining: false } }),
  );
  return {
    url: server.url,
    pool,
    metrics,
    caughtUp: async () => {
      const last = world.streamLength() - 1;
      await waitFor(async () => ((await readPosition(pool)).lastOffset ?? -1) >= last, {
        what: `stream offset ${last}`,
      });
    },
    async stop() {
      await server.close();
      await orders.stop();
      await events.stop();
      await pool.end();
    },
  };
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
