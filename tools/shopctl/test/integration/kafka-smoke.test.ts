import type * as Kafka from '@platformatic/kafka' with { 'resolution-mode': 'import' };
import { uniqueName } from '@shop/common/testing';

/**
 * The broker `make kafka-up` starts, through the client the event stream will use: a keyed
 * topic with 3 partitions, an idempotent producer with acks=all, and a consumer group that
 * reads from the earliest offset, commits, and resumes from its commit after a restart.
 */
const BROKERS = [process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092'];
const topic = `${uniqueName('smoke')}.order-events`;
const groupId = `${topic}.analytics`;
const ORDERS = ['order-a', 'order-b', 'order-c', 'order-d', 'order-e', 'order-f'];

interface Event {
  readonly orderId: string;
  readonly seq: number;
  readonly partition: number;
}

let kafka: typeof Kafka;
let admin: Kafka.Admin;

jest.setTimeout(120_000);

beforeAll(async () => {
  kafka = await import('@platformatic/kafka');
  admin = new kafka.Admin({ clientId: 'smoke-admin', bootstrapBrokers: BROKERS });
  await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
});
afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.close();
});

/** Each order's events `from`..`to - 1`, interleaved across orders, in one idempotent send. */
async function produce(from: number, to: number): Promise<void> {
  const producer = new kafka.Producer({
    clientId: 'smoke-producer',
    bootstrapBrokers: BROKERS,
    serializers: kafka.stringSerializers,
    idempotent: true,
    acks: kafka.ProduceAcks.ALL,
  });
  const messages = [];
  for (let seq = from; seq < to; seq++) {
    for (const orderId of ORDERS) {
      messages.push({ topic, key: orderId, value: JSON.stringify({ orderId, seq }) });
    }
  }
  try {
    await producer.send({ messages });
  } finally {
    await producer.close();
  }
}

/** Opens the group's consumer, takes `count` events (committing each), and closes it. */
async function consume(count: number): Promise<Event[]> {
  const consumer = new kafka.Consumer({
    clientId: 'smoke-consumer',
    groupId,
    bootstrapBrokers: BROKERS,
    deserializers: kafka.stringDeserializers,
    maxWaitTime: 500,
  });
  const stream = await consumer.consume({
    topics: [topic],
    mode: kafka.MessagesStreamModes.COMMITTED,
    fallbackMode: kafka.MessagesStreamFallbackModes.EARLIEST,
    autocommit: false,
  });
  const events: Event[] = [];
  try {
    for await (const message of stream) {
      const { orderId, seq } = JSON.parse(message.value) as Event;
      expect(message.key).toBe(orderId);
      events.push({ orderId, seq, partition: message.partition });
      await message.commit();
      if (events.length === count) break;
    }
  } finally {
    await stream.close();
    await consumer.close();
  }
  return events;
}

function seqsByOrder(events: readonly Event[]): Record<string, number[]> {
  const byOrder: Record<string, number[]> = {};
  for (const { orderId, seq } of events) (byOrder[orderId] ??= []).push(seq);
  return byOrder;
}

function partitionsByOrder(events: readonly Event[]): Map<string, Set<number>> {
  const byOrder = new Map<string, Set<number>>();
  for (const { orderId, partition } of events) {
    byOrder.set(orderId, (byOrder.get(orderId) ?? new Set()).add(partition));
  }
  return byOrder;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

test('the topic has 3 partitions', async () => {
  const metadata = await admin.metadata({ topics: [topic] });
  expect(metadata.topics.get(topic)?.partitionsCount).toBe(3);
});

test('keyed events keep their order per key, and a reopened group resumes from its commit', async () => {
  await produce(0, 5);
  const first = await consume(5 * ORDERS.length);
  expect(seqsByOrder(first)).toEqual(Object.fromEntries(ORDERS.map((o) => [o, range(0, 5)])));
  const partitions = partitionsByOrder(first);
  for (const order of ORDERS) expect(partitions.get(order)?.size).toBe(1);
  // Six keys over three partitions: more than one partition carries events.
  expect(new Set(first.map((e) => e.partition)).size).toBeGreaterThan(1);

  await produce(5, 8);
  const resumed = await consume(3 * ORDERS.length);
  expect(seqsByOrder(resumed)).toEqual(Object.fromEntries(ORDERS.map((o) => [o, range(5, 8)])));
  const again = partitionsByOrder(resumed);
  for (const order of ORDERS) expect(again.get(order)).toEqual(partitions.get(order));
});
