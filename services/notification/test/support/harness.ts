import {
  Broker,
  createEvent,
  Lifecycle,
  loadConfig,
  publishEvents,
  type EventData,
  type EventEnvelope,
  type EventType,
} from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  messageCount,
  metricValue,
  TEST_AMQP_URL,
  testLogger,
  uniqueExchange,
} from '@shop/common/testing';
import amqp from 'amqplib';
import pg from 'pg';
import { configSchema } from '../../src/config';
import { NOTIFICATION_QUEUE } from '../../src/events/notify';
import { startNotificationService } from '../../src/main';

export interface HarnessOptions {
  readonly userGrpcAddr: string;
  /** Empty: no mail server (emails are logged). */
  readonly smtpUrl: string;
  /** Share an exchange with another service (the user service's user.registered). */
  readonly exchange?: string;
  readonly env?: Record<string, string>;
}

export interface NotificationHarness {
  readonly url: string;
  readonly exchange: string;
  /** The service's queue on the shared broker (prefixed for this file). */
  readonly queue: string;
  /** A pool on the service's database, for inspecting rows. */
  readonly db: pg.Pool;
  /** Publishes events to the service's exchange, as their owners would. */
  publish(...events: EventEnvelope[]): Promise<void>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** The value of a counter in /metrics (0 when absent). */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** Messages waiting in the queue's dead-letter queue. */
  deadLettered(): Promise<number>;
  /** Takes the dead-lettered messages off the DLQ: their type and last error. */
  takeDeadLetters(): Promise<Array<{ type: string; lastError: string }>>;
  stop(): Promise<void>;
}

/**
 * The real service wiring (`startNotificationService`) in this process on a free port, with a
 * database, an exchange and queue names of its own, and fast retries.
 */
export async function startNotificationHarness(
  options: HarnessOptions,
): Promise<NotificationHarness> {
  const database = await createTestDatabase('notification');
  const exchange = options.exchange ?? uniqueExchange();
  const queuePrefix = `${exchange}.`;
  const config = loadConfig(configSchema, {
    PORT: '3006',
    DATABASE_URL: database.url,
    AMQP_URL: TEST_AMQP_URL,
    EVENTS_EXCHANGE: exchange,
    EVENTS_QUEUE_PREFIX: queuePrefix,
    EVENT_RETRY_DELAY_MS: '50',
    USER_GRPC_ADDR: options.userGrpcAddr,
    SMTP_URL: options.smtpUrl,
    SMTP_RETRY_MIN_MS: '50',
    SMTP_RETRY_MAX_MS: '250',
    SENDER_POLL_MS: '100',
    ...options.env,
  });
  const log = testLogger('notification');
  const lifecycle = new Lifecycle(log, 10_000);
  const { httpPort } = await startNotificationService({ ...config, PORT: 0 }, { log, lifecycle });
  const url = `http://127.0.0.1:${httpPort}`;
  const broker = new Broker({ url: TEST_AMQP_URL, exchange, log });
  await broker.start();
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const queue = `${queuePrefix}${NOTIFICATION_QUEUE}`;
  return {
    url,
    exchange,
    queue,
    db,
    publish: (...events) => publishEvents(broker, events),
    get: (path, headers = {}) => fetch(url + path, { headers }),
    metric: (name, labels = {}) => metricValue(url, name, labels),
    deadLettered: () => messageCount(`${queue}.dlq`),
    takeDeadLetters: () => takeAll(`${queue}.dlq`),
    async stop() {
      await broker.stop();
      await db.end();
      await lifecycle.stop();
      await database.drop();
      // A shared exchange is its owner's to delete.
      await deleteTestBrokerObjects({
        exchange: options.exchange ? undefined : exchange,
        queues: [queue],
      });
    },
  };
}

/** An event as its owner would publish it. */
export function event<T extends EventType>(type: T, data: EventData<T>): EventEnvelope<T> {
  const correlationId = 'orderId' in data ? String(data.orderId) : 'test';
  return createEvent(type, data, { source: type.split('.')[0]!, correlationId });
}

async function takeAll(queue: string): Promise<Array<{ type: string; lastError: string }>> {
  const connection = await amqp.connect(TEST_AMQP_URL);
  try {
    const channel = await connection.createChannel();
    const taken: Array<{ type: string; lastError: string }> = [];
    for (let m = await channel.get(queue); m; m = await channel.get(queue)) {
      channel.ack(m);
      taken.push({
        type: String(m.properties.type),
        lastError: String(m.properties.headers?.['x-last-error'] ?? ''),
      });
    }
    return taken;
  } finally {
    await connection.close();
  }
}
