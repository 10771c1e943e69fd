import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import {
  addToOutbox,
  createEvent,
  createPool,
  EventBackbone,
  KafkaReader,
  KIT_MIGRATIONS_DIR,
  migrate,
  orderEventsAppender,
  ORDER_EVENTS_TOPIC,
  outboxRelay,
  withTransaction,
  type Pool,
  type StreamRecord,
} from '../../src';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  KafkaProxy,
  TEST_AMQP_URL,
  TEST_KAFKA_BROKERS,
  testLogger,
  uniqueExchange,
  waitFor,
} from '../support';
import { otelTracing } from '../../src/telemetry/otel-tracing';
import { installTracing, tracing } from '../../src/telemetry/tracing';

/**
 * EVENT_STREAM=kafka: the transactional outbox writes the order events to RabbitMQ and to the
 * topic `shop.order-events` (keyed by order id); a row leaves only once both have it.
 */
let pool: Pool;
let dropDb: () => Promise<void>;
let exchange: string;
let kafka: KafkaProxy;
let backbone: EventBackbone;
let reader: KafkaReader;
const read: StreamRecord[] = [];

jest.setTimeout(60_000);

// Tracing on, into memory: the relay's Kafka records carry their PRODUCER spans.
const spans = new InMemorySpanExporter();
const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor({ exporter: spans })],
  instrumentations: [],
  metricReaders: [],
  logRecordProcessors: [],
  autoDetectResources: false,
});
beforeAll(() => {
  sdk.start();
  installTracing(otelTracing(() => sdk.shutdown()));
});
afterAll(() => tracing().shutdown());

beforeEach(async () => {
  const db = await createTestDatabase('relay_kafka');
  dropDb = db.drop;
  pool = createPool(db.url, 4);
  await migrate(pool, [KIT_MIGRATIONS_DIR]);
  await pool.query('CREATE TABLE effects (event_id uuid)');
  exchange = uniqueExchange();
  const [host, port] = TEST_KAFKA_BROKERS[0]!.split(':');
  kafka = new KafkaProxy(host!, Number(port));
  await kafka.start();
  const config = {
    EVENT_STREAM: 'kafka' as const,
    KAFKA_BROKERS: [kafka.address],
    EVENTS_QUEUE_PREFIX: `${exchange}.`,
  };
  const log = testLogger();
  backbone = new EventBackbone({
    amqpUrl: TEST_AMQP_URL,
    exchange,
    log,
    queuePrefix: `${exchange}.`,
    relay: outboxRelay({ pool, log }),
    stream: orderEventsAppender(
      {
        ...config,
        AMQP_URL: '',
        EVENTS_EXCHANGE: exchange,
        EVENT_MAX_ATTEMPTS: 5,
        EVENT_PREFETCH: 8,
        EVENT_RETRY_DELAY_MS: 50,
      },
      ['order.created'], // as in orchestration: no queue consumes it
    ),
  });
  backbone.consumer('sink', { pool }).subscribeOnce('order.confirmed', async (event, tx) => {
    await tx.query('INSERT INTO effects VALUES ($1)', [event.id]);
  });
  await backbone.start();
  read.length = 0;
  reader = new KafkaReader({
    brokers: TEST_KAFKA_BROKERS,
    topic: `${exchange}.${ORDER_EVENTS_TOPIC}`,
    groupId: `${exchange}.reader`,
    clientId: 'test-reader',
    maxBatch: 100,
    retryDelayMs: 50,
    log,
    handle: async (records) => {
      read.push(...records);
      return 'handled';
    },
  });
  await reader.start();
});

afterEach(async () => {
  await reader.stop();
  await backbone.stop();
  await kafka.stop();
  await pool.end();
  await dropDb();
  await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.sink`] });
});

/** What every event of a one-line order of 1.00 says. */
const facts = (orderId: string) => ({
  orderId,
  userId: 'u1',
  items: [{ productId: 'p1', name: 'p', quantity: 1, unitPrice: 100 }],
  total: 100,
});
const source = (orderId: string) => ({ source: 'order', correlationId: orderId });

/** An order confirmed: its event in the outbox, committed. */
async function confirm(orderId: string, traceparent?: string): Promise<void> {
  const created = createEvent('order.confirmed', facts(orderId), source(orderId));
  const event = traceparent ? { ...created, traceparent } : created;
  await withTransaction(pool, (tx) => addToOutbox(tx, [event]));
  backbone.relay.kick();
}

const ordersRead = () =>
  read.map((r) => (JSON.parse(r.content.toString()) as { data: { orderId: string } }).data.orderId);
const outboxSize = async () =>
  Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0]!.n);
const effects = async () =>
  Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM effects')).rows[0]!.n);

test('order events reach RabbitMQ and the topic, keyed by order id; then the outbox is empty', async () => {
  const orders = Array.from({ length: 9 }, () => randomUUID());
  for (const id of orders) await confirm(id);

  await waitFor(async () => new Set(ordersRead()).size === 9 && (await effects()) === 9, {
    what: 'both logs',
  });
  await waitFor(async () => (await outboxSize()) === 0, { what: 'outbox drained' });

  expect(new Set(ordersRead())).toEqual(new Set(orders));
  // Nine keys over three partitions: more than one partition carries them.
  expect(new Set(read.map((r) => r.partition)).size).toBeGreaterThan(1);
});

test('an order event no queue consumes goes to the topic alone: once, and its row leaves the outbox', async () => {
  const orderId = randomUUID();
  const created = createEvent(
    'order.created',
    { ...facts(orderId), currency: 'USD', payment: { token: 'tok_visa' } },
    source(orderId),
  );
  await withTransaction(pool, (tx) => addToOutbox(tx, [created]));
  backbone.relay.kick();

  // Published to the exchange too, it would come back unroutable: kept, retried and appended again.
  await waitFor(async () => ordersRead().includes(orderId) && (await outboxSize()) === 0, {
    what: 'order.created in Kafka and out of the outbox',
  });
  await confirm(orderId); // a later event of the same order, through both
  await waitFor(async () => (await effects()) === 1, { what: 'order.confirmed in RabbitMQ' });
  await waitFor(async () => read.length === 2, { what: 'order.confirmed in Kafka' });
  expect(ordersRead()).toEqual([orderId, orderId]);
});

test('Kafka goes away: RabbitMQ still gets the events, the rows wait, and after the outage the topic has every one', async () => {
  await confirm(randomUUID());
  await waitFor(async () => read.length === 1, { what: 'the first event in Kafka' });

  await kafka.cut();
  const during = Array.from({ length: 4 }, () => randomUUID());
  for (const id of during) await confirm(id);
  await waitFor(async () => (await effects()) === 5, {
    what: 'RabbitMQ delivered during the outage',
  });
  expect(await outboxSize()).toBe(4);
  await kafka.restore();

  await waitFor(async () => (await outboxSize()) === 0, {
    what: 'outbox drained after the outage',
  });
  await waitFor(async () => during.every((id) => ordersRead().includes(id)), {
    what: 'every event in Kafka',
  });
  expect(await effects()).toBe(5); // the republished copies were deduped by event id
});

test('each record carries its own PRODUCER span, a child of the trace that wrote the event', async () => {
  const traceId = randomUUID().replaceAll('-', '');
  const orderId = randomUUID();
  await confirm(orderId, `00-${traceId}-00f067aa0ba902b7-01`);
  const kafkaProducer = () =>
    spans
      .getFinishedSpans()
      .find(
        (s) =>
          s.kind === SpanKind.PRODUCER &&
          s.attributes['messaging.system'] === 'kafka' &&
          s.spanContext().traceId === traceId,
      );
  // The reader can get the record before the producer's acknowledgement ends the span.
  await waitFor(async () => ordersRead().includes(orderId) && kafkaProducer() !== undefined, {
    what: 'the record in Kafka and its PRODUCER span ended',
  });

  const record = read[ordersRead().indexOf(orderId)]!;
  const sent = JSON.parse(record.content.toString()) as { traceparent: string };
  const producer = kafkaProducer();
  expect(producer!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  expect(producer!.attributes).toMatchObject({
    'messaging.destination.name': `${exchange}.${ORDER_EVENTS_TOPIC}`,
    'messaging.kafka.message.key': orderId,
  });
  expect(sent.traceparent).toBe(`00-${traceId}-${producer!.spanContext().spanId}-01`);
});
