import { randomUUID } from 'node:crypto';
import { Broker } from '../../src/events/broker';
import type { EventData, EventType } from '../../src/events/contracts';
import { createEvent, parseEvent, type EventEnvelope } from '../../src/events/envelope';
import { publishEvents } from '../../src/events/publisher';
import { TEST_AMQP_URL, testLogger } from './infra';
import { waitFor } from './poll';

const FLUSH_KEY = 'test.flush';

/** What a TestEventBus records: these event types, or everything (`'#'`) including its own. */
export type RecordedEvents = readonly EventType[] | '#';

/**
 * The test's own end of an exchange: publishes events as another service would and records
 * every event of the `recorded` types, for a test to assert on or wait for.
 */
export class TestEventBus {
  readonly seen: EventEnvelope[] = [];
  private readonly flushed = new Set<string>();

  private constructor(private readonly broker: Broker) {}

  static async start(exchange: string, recorded: RecordedEvents): Promise<TestEventBus> {
    const broker = new Broker({ url: TEST_AMQP_URL, exchange, log: testLogger('test-bus') });
    const bus = new TestEventBus(broker);
    const keys = recorded === '#' ? ['#'] : [...recorded, FLUSH_KEY];
    await broker.start();
    await broker.onConnect(async (connection) => {
      const channel = await connection.createChannel();
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      for (const key of keys) await channel.bindQueue(queue, exchange, key);
      await channel.consume(
        queue,
        (msg) => {
          if (msg) bus.record(msg.fields.routingKey, msg.content);
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
  replyTo(orderId: string, types: readonly EventType[], timeoutMs = 5000): Promise<EventEnvelope> {
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

  private record(routingKey: string, content: Buffer): void {
    const body = content.toString('utf8');
    if (routingKey === FLUSH_KEY) this.flushed.add(body);
    else this.seen.push(parseEvent(JSON.parse(body)));
  }
}
