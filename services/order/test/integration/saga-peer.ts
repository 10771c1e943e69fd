import {
  Broker,
  createEvent,
  parseEvent,
  publishEvents,
  type EventData,
  type EventEnvelope,
  type EventType,
} from '@shop/common';
import { TEST_AMQP_URL, testLogger, waitFor } from '@shop/common/testing';
import amqp, { type ChannelModel } from 'amqplib';
import type { OrderSaga } from '../../src/saga/order-saga';

/**
 * Plays inventory and payment on a test exchange: sees every message the order service
 * sends (a queue bound to `#`) and publishes the replies those services would.
 */
export class SagaPeer {
  readonly seen: EventEnvelope[] = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly broker: Broker,
  ) {}

  static async start(exchange: string): Promise<SagaPeer> {
    const connection = await amqp.connect(TEST_AMQP_URL);
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, '#');
    const broker = new Broker({ url: TEST_AMQP_URL, exchange, log: testLogger('peer') });
    await broker.start();
    const peer = new SagaPeer(connection, broker);
    await channel.consume(queue, (msg) => {
      if (!msg) return;
      peer.seen.push(parseEvent(JSON.parse(msg.content.toString('utf8'))));
      channel.ack(msg);
    });
    return peer;
  }

  /** What the order service sent for one order, in the order it arrived. */
  sentFor(orderId: string): EventEnvelope[] {
    return this.seen.filter((e) => e.source === 'order' && e.correlationId === orderId);
  }

  typesFor(orderId: string): string[] {
    return this.sentFor(orderId).map((e) => e.type);
  }

  /** Waits for the order service to send `type` for the order. */
  next<T extends EventType>(orderId: string, type: T): Promise<EventEnvelope<T>> {
    return waitFor(
      () => this.sentFor(orderId).find((e): e is EventEnvelope<T> => e.type === type),
      { what: `${type} for order ${orderId}` },
    );
  }

  /** Publishes a reply as inventory or payment would; returns it (to publish it again). */
  async reply<T extends EventType>(type: T, data: EventData<T>): Promise<EventEnvelope> {
    const source = type.split('.')[0]!;
    const event = createEvent(type, data, {
      source,
      correlationId: (data as { orderId: string }).orderId,
    }) as EventEnvelope;
    await this.publish(event);
    return event;
  }

  async publish(...events: EventEnvelope[]): Promise<void> {
    await publishEvents(this.broker, events);
  }

  async close(): Promise<void> {
    await this.broker.stop();
    await this.connection.close();
  }
}

/** Records the id of every reply the saga has finished handling (a barrier for tests). */
export function trackHandled(saga: OrderSaga): string[] {
  const handled: string[] = [];
  const handle = saga.handleReply.bind(saga);
  saga.handleReply = async (event) => {
    await handle(event);
    handled.push(event.id);
  };
  return handled;
}
