import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Broker, createPool, KIT_MIGRATIONS_DIR, migrate, type Pool } from '@shop/common';
import {
  createTestDatabase,
  TEST_AMQP_URL,
  testLogger,
  uniqueExchange,
  waitFor,
} from '@shop/common/testing';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { newOrder } from '../../src/domain/order';
import { startSaga } from '../../src/saga/decisions';
import { envelopes } from '../../src/events/outgoing';
import { PendingEventRelay } from '../../src/events/pending-event-relay';
import { PostgresOrderStore } from '../../src/store/postgres-order-store';

/**
 * The relay that publishes a store's pending events (MongoDB's outbox), run here over the
 * PostgreSQL adapter's claim/mark so it is tested on every run, with or without MONGO_URL.
 */
let db: { url: string; drop(): Promise<void> };
let pool: Pool;
let store: PostgresOrderStore;
let broker: Broker;
let relay: PendingEventRelay;
let connection: ChannelModel;
let channel: Channel;
const exchange = uniqueExchange();
const received: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('order_relay');
  pool = createPool(db.url, 5);
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '../../migrations')]);
  store = new PostgresOrderStore(pool);
  broker = new Broker({ url: TEST_AMQP_URL, exchange, log: testLogger() });
  await broker.start();
  relay = new PendingEventRelay({ store, broker, log: testLogger(), pollMs: 50, leaseMs: 200 });
  relay.start();
  connection = await amqp.connect(TEST_AMQP_URL);
  channel = await connection.createChannel();
});
afterAll(async () => {
  await relay.stop();
  await broker.stop();
  await channel.deleteExchange(exchange);
  await connection.close();
  await pool.end();
  await db.drop();
});

async function listen(...types: string[]): Promise<void> {
  const { queue } = await channel.assertQueue('', { exclusive: true });
  for (const type of types) await channel.bindQueue(queue, exchange, type);
  await channel.consume(queue, (msg) => msg && received.push(String(msg.properties.messageId)), {
    noAck: true,
  });
}

async function placeOrder() {
  const now = new Date();
  const order = newOrder({
    id: randomUUID(),
    userId: 'u-1',
    at: now.toISOString(),
    items: [{ productId: 'p-1', name: 'Kettle', unitPrice: 100, quantity: 1 }],
  });
  const start = startSaga(order, 'tok_visa', {
    mode: 'orchestration',
    now,
    stepTimeoutMs: 60_000,
  });
  const events = envelopes(start.messages, order.id);
  await store.create({ state: start.state, events });
  relay.kick();
  return events.map((e) => e.id);
}

const pending = async () => (await pool.query('SELECT id FROM outbox')).rows.length;

describe('the pending event relay', () => {
  test('events nobody can route yet stay pending, and leave once a queue is bound', async () => {
    const ids = await placeOrder();
    await waitFor(
      async () =>
        (await pool.query('SELECT 1 FROM outbox WHERE next_attempt_at > now()')).rowCount === 2,
      {
        what: 'a failed publish leasing the events',
      },
    );
    expect(await pending()).toBe(2);

    await listen('order.created', 'inventory.reserve_stock');

    await waitFor(() => ids.every((id) => received.includes(id)), { what: 'publication' });
    await waitFor(async () => (await pending()) === 0, { what: 'published events forgotten' });
  });

  test("publishes a new order's events at once and forgets them", async () => {
    const ids = await placeOrder();
    await waitFor(() => ids.every((id) => received.includes(id)), { what: 'publication' });
    await waitFor(async () => (await pending()) === 0, { what: 'published events forgotten' });
  });
});
