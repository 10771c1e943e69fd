import {
  Broker,
  createEvent,
  parseEvent,
  publishEvents,
  type EventData,
  type EventEnvelope,
  type EventType,
} from '@shop/common';
import { randomUUID } from 'node:crypto';
import { TEST_AMQP_URL, testLogger, waitFor } from '@shop/common/testing';

const FLUSH_KEY = 'test.flush';

/**
 * The test's own end of the exchange: publishes messages as another service would and
 * records every event of the `recorded` types the service under test publishes.
 */
export class TestBus {
  readonly seen: EventEnvelope[] = [];
  private readonly flushed = new Set<string>();

  private constructor(private readonly broker: Broker) {}

  static async start(exchange: string, recorded: readonly EventType[]): Promise<TestBus> {
    const broker = new Broker({ url: TEST_AMQP_URL, exchange, log: testLogger('test-bus') });
    const bus = new TestBus(broker);
    await broker.start();
    await broker.onConnect(async (connection) => {
      const channel = await connection.createChannel();
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      for (const type of [...recorded, FLUSH_KEY]) await channel.bindQueue(queue, exchange, type);
      await channel.consume(
        queue,
        (msg) => {
          if (!msg) return;
          const body = msg.content.toString('utf8');
          if (msg.fields.routingKey === FLUSH_KEY) bus.flushed.add(body);
          else bus.seen.push(parseEvent(JSON.parse(body)));
        },
        { noAck: true },
      );
    });
    return bus;
  }

  /** Publishes `type` as `source` would; resolves once the broker routed and confirmed it. */
  async send<T extends EventType>(
    type: T,
    data: EventData<T>,
    correlationId: string,
    source = 'order',
  ): Promise<EventEnvelope<T>> {
    const event = createEvent(type, data, { source, correlationId });
    await publishEvents(this.broker, [event]);
    return event;
  }

  /** Publishes already built events (e.g. the same one twice). */
  publish(events: readonly EventEnvelope[]): Promise<void> {
    return publishEvents(this.broker, events);
  }

  /** Recorded events of `type` whose data matches `where` (all of them when omitted). */
  of<T extends EventType>(type: T, where: Partial<EventData<T>> = {}): EventEnvelope<T>[] {
    return this.seen.filter(
      (e): e is EventEnvelope<T> =>
        e.type === type &&
        Object.entries(where).every(([k, v]) => (e.data as Record<string, unknown>)[k] === v),
    );
  }

  /** The first recorded event of one of `types` about `orderId`, waiting for it if needed. */
  reply(orderId: string, types: readonly EventType[], timeoutMs = 5000): Promise<EventEnvelope> {
    return waitFor(
      () =>
        this.seen.find(
          (e) => types.includes(e.type) && (e.data as { orderId?: string }).orderId === orderId,
        ),
      { timeoutMs, what: `${types.join(' | ')} for ${orderId}` },
    );
  }

  /**
   * Resolves once every event the broker confirmed before this call has been recorded: a
   * marker sent now queues behind them.
   */
  async flush(): Promise<void> {
    const marker = randomUUID();
    const { channel } = this.broker.publishChannel();
    channel.publish(this.broker.exchange, FLUSH_KEY, Buffer.from(marker));
    await channel.waitForConfirms();
    await waitFor(() => this.flushed.has(marker), { timeoutMs: 5000, what: 'bus flush' });
  }

  stop(): Promise<void> {
    return this.broker.stop();
  }
}
