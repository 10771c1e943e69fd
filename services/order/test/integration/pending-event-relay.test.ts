import { randomUUID } from 'node:crypto';
import { Broker } from '@shop/common';
import {
  TEST_AMQP_URL,
  testLogger,
  uniqueExchange,
  uniqueName,
  waitFor,
} from '@shop/common/testing';
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { MongoClient } from 'mongodb';
import { newOrder } from '../../src/domain/order';
import { startSaga } from '../../src/saga/decisions';
import { envelopes } from '../../src/events/outgoing';
import { PendingEventRelay } from '../../src/events/pending-event-relay';
import type { OrderDocument } from '../../src/store/mongo-order-document';
import { MongoOrderStore } from '../../src/store/mongo-order-store';

/** The relay that publishes the MongoDB outbox (FerretDB, make mongo-up, stands in for MongoDB). */
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';
const database = uniqueName('order_relay');
let store: MongoOrderStore;
let broker: Broker;
let relay: PendingEventRelay;
let connection: ChannelModel;
let channel: Channel;
const exchange = uniqueExchange();

beforeAll(async () => {
  store = await MongoOrderStore.open(MONGO_URL, database);
  broker = new Broker({ url: TEST_AMQP_URL, exchange, log: testLogger() });
  await broker.start();
  relay = new PendingEventRelay({
    outbox: store.outbox,
    broker,
    log: testLogger(),
    pollMs: 50,
    leaseMs: 200,
  });
  relay.start();
  connection = await amqp.connect(TEST_AMQP_URL);
  channel = await connection.createChannel();
});
afterAll(async () => {
  await relay.stop();
  await broker.stop();
  await channel.deleteExchange(exchange);
  await connection.close();
  await store.close();
  const client = await MongoClient.connect(MONGO_URL);
  await client.db(database).dropDatabase();
  await client.close();
});

/** A queue of the test's own bound to `types`; returns the message ids it receives. */
async function listen(...types: string[]): Promise<string[]> {
  const received: string[] = [];
  const { queue } = await channel.assertQueue('', { exclusive: true });
  for (const type of types) await channel.bindQueue(queue, exchange, type);
  await channel.consume(queue, (msg) => msg && received.push(String(msg.properties.messageId)), {
    noAck: true,
  });
  return received;
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

/** Events still pending in the order documents, and how many of them a lease hides. */
async function pendingEvents(): Promise<{ all: number; leased: number }> {
  const client = await MongoClient.connect(MONGO_URL);
  try {
    const docs = await client.db(database).collection<OrderDocument>('orders').find().toArray();
    const count = (d: OrderDocument[]) => d.reduce((n, doc) => n + doc.pendingEvents.length, 0);
    const leased = docs.filter((d) => d.relayAfter && d.relayAfter.getTime() > Date.now());
    return { all: count(docs), leased: count(leased) };
  } finally {
    await client.close();
  }
}
const pending = async () => (await pendingEvents()).all;

describe('the pending event relay', () => {
  test('events nobody can route yet stay pending, and leave once a queue is bound', async () => {
    const ids = await placeOrder();
    await waitFor(async () => (await pendingEvents()).leased === 2, {
      what: 'a failed publish leasing the events',
    });
    expect(await pending()).toBe(2);

    const received = await listen('order.created', 'inventory.reserve_stock');

    await waitFor(() => ids.every((id) => received.includes(id)), { what: 'publication' });
    await waitFor(async () => (await pending()) === 0, { what: 'published events forgotten' });
    expect(received.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  test("publishes a new order's events at once, each once, and forgets them", async () => {
    const received = await listen('order.created', 'inventory.reserve_stock');

    const ids = await placeOrder();

    await waitFor(() => ids.every((id) => received.includes(id)), { what: 'publication' });
    await waitFor(async () => (await pending()) === 0, { what: 'published events forgotten' });
    expect(ids).toHaveLength(2);
    expect(received.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(await pending()).toBe(0);
  });
});
