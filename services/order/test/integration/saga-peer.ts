import type { EventData, EventEnvelope, EventType } from '@shop/common';
import { TestEventBus, waitFor } from '@shop/common/testing';
import type { OrderSaga } from '../../src/saga/order-saga';

/**
 * Plays inventory and payment on a test exchange: sees every message the order service
 * sends and publishes the replies those services would.
 */
export class SagaPeer {
  private constructor(private readonly bus: TestEventBus) {}

  static async start(exchange: string): Promise<SagaPeer> {
    return new SagaPeer(await TestEventBus.start(exchange, '#'));
  }

  /** What the order service sent for one order, in the order it arrived. */
  sentFor(orderId: string): EventEnvelope[] {
    return this.bus.seen.filter((e) => e.source === 'order' && e.correlationId === orderId);
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
    const orderId = (data as { orderId: string }).orderId;
    return (await this.bus.send(type, data, orderId, source)) as EventEnvelope;
  }

  async publish(...events: EventEnvelope[]): Promise<void> {
    await this.bus.publish(events);
  }

  close(): Promise<void> {
    return this.bus.stop();
  }
}

/** Records the id of every outcome the saga has finished applying (a barrier for tests). */
export function trackHandled(saga: OrderSaga): string[] {
  const handled: string[] = [];
  const handle = saga.applyOutcome.bind(saga);
  saga.applyOutcome = async (event) => {
    await handle(event);
    handled.push(event.id);
  };
  return handled;
}
