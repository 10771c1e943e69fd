import {
  Broker,
  EventConsumer,
  type EventBackbone,
  type EventConfig,
  type Logger,
  type ReadinessCheck,
} from '@shop/common';
import type { OrderStore } from '../store/order-store';
import { PendingEventRelay } from './pending-event-relay';

/** The event plumbing the order service needs, whichever store holds its outbox. */
export interface OrderBus {
  readonly broker: Broker;
  /** A consumer on a durable queue; add subscriptions before `start()`. */
  consumer(queue: string): EventConsumer;
  /** Publishes stored events soon; call after a write that stored some. */
  kick(): void;
  start(): Promise<void>;
  /** Stops consuming (waiting for handlers in flight), flushes the relay, disconnects. */
  stop(): Promise<void>;
  readiness(): ReadinessCheck;
}

/** PostgreSQL: the kit's backbone, whose OutboxRelay publishes the outbox table. */
export function backboneBus(backbone: EventBackbone): OrderBus {
  return {
    broker: backbone.broker,
    consumer: (queue) => backbone.consumer(queue),
    kick: () => backbone.relay.kick(),
    start: () => backbone.start(),
    stop: () => backbone.stop(),
    readiness: () => backbone.readiness(),
  };
}

/**
 * MongoDB: the kit's broker and consumers with the store's own relay (the events live in the
 * order documents, not in a PostgreSQL outbox).
 */
export class StoreRelayBus implements OrderBus {
  readonly broker: Broker;
  private readonly relay: PendingEventRelay;
  private readonly consumers: EventConsumer[] = [];

  constructor(
    private readonly config: EventConfig,
    store: OrderStore,
    private readonly log: Logger,
  ) {
    this.broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, log });
    this.relay = new PendingEventRelay({ store, broker: this.broker, log });
  }

  consumer(queue: string): EventConsumer {
    const consumer = new EventConsumer({
      broker: this.broker,
      queue: `${this.config.EVENTS_QUEUE_PREFIX}${queue}`,
      log: this.log,
      maxAttempts: this.config.EVENT_MAX_ATTEMPTS,
      prefetch: this.config.EVENT_PREFETCH,
      retryDelayMs: this.config.EVENT_RETRY_DELAY_MS,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  kick(): void {
    this.relay.kick();
  }

  async start(): Promise<void> {
    await this.broker.start();
    for (const consumer of this.consumers) await consumer.start();
    this.relay.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.relay.stop();
    await this.broker.stop();
  }

  readiness(): ReadinessCheck {
    return { name: 'broker', check: async () => this.broker.connected };
  }
}
