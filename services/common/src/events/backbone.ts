import type { Registry } from 'prom-client';
import type { Pool } from '../db';
import type { ReadinessCheck } from '../health';
import type { Logger } from '../logger';
import { Broker } from './broker';
import { EventConsumer } from './consumer';
import { KafkaAppender } from './kafka/appender';
import { OutboxRelay } from './outbox';
import { registerQueueGauge } from './queue-gauge';
import {
  ORDER_EVENTS_TOPIC,
  ORDER_STREAM_EVENTS,
  type EventStreamKind,
  type StreamAppender,
} from './stream';

/** Builds a relay that publishes to `broker` and appends what `stream` carries to it. */
export type RelayFactory = (broker: Broker, stream?: StreamAppender) => EventRelay;

/** Publishes what a service stored for publication (the kit's outbox, order's Mongo documents). */
export interface EventRelay {
  start(): void;
  /** Publishes soon; call after a commit that stored events. */
  kick(): void;
  /** Publishes what is left and stops. */
  stop(): Promise<void>;
}

export interface EventBackboneOptions {
  readonly amqpUrl: string;
  readonly exchange: string;
  readonly log: Logger;
  /** Builds the service's relay on the backbone's broker (and the second log, if any). */
  readonly relay: RelayFactory;
  /** The replayable log the relay also appends to (Kafka); none: RabbitMQ's stream queue binds. */
  readonly stream?: StreamAppender;
  readonly maxAttempts?: number;
  readonly prefetch?: number;
  readonly retryDelayMs?: number;
  /** Prepended to queue names, so isolated runs (tests) on one broker never share a queue. @default '' */
  readonly queuePrefix?: string;
  /** Where `events_queue_messages` (the consumer queues' depth, DLQs included) goes. @default none */
  readonly registry?: Registry;
}

/** A service's broker connection, its relay and its consumers, started and stopped together. */
export class EventBackbone {
  readonly broker: Broker;
  readonly relay: EventRelay;
  private readonly consumers: EventConsumer[] = [];
  /** The durable queues of this backbone's consumers, prefixed. */
  readonly queues: string[] = [];

  constructor(private readonly options: EventBackboneOptions) {
    const { amqpUrl, exchange, log } = options;
    this.broker = new Broker({ url: amqpUrl, exchange, log });
    this.relay = options.relay(this.broker, options.stream);
    if (options.registry) registerQueueGauge(options.registry, this.broker, () => this.queues);
  }

  /**
   * A consumer on the durable queue `queue`; add subscriptions before `start()`. With `pool`, its
   * subscribeOnce work is applied there (`queue` is its name in processed_events) and each
   * committed batch kicks the relay.
   */
  consumer(queue: string, { pool }: { pool?: Pool } = {}): EventConsumer {
    const name = `${this.options.queuePrefix ?? ''}${queue}`;
    this.queues.push(name);
    const consumer = new EventConsumer({
      broker: this.broker,
      queue: name,
      log: this.options.log,
      maxAttempts: this.options.maxAttempts,
      prefetch: this.options.prefetch,
      retryDelayMs: this.options.retryDelayMs,
      store: pool && { pool, consumer: queue, afterCommit: () => this.relay.kick() },
    });
    this.consumers.push(consumer);
    return consumer;
  }

  async start(): Promise<void> {
    await this.broker.start();
    for (const consumer of this.consumers) await consumer.start();
    this.relay.start();
  }

  /** Stops consuming (waiting for handlers in flight), flushes the relay, closes the connection. */
  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.relay.stop();
    await this.options.stream?.stop();
    await this.broker.stop();
  }

  readiness(): ReadinessCheck {
    return { name: 'broker', check: async () => this.broker.connected };
  }
}

/** The relay of a PostgreSQL service: the kit's outbox table in `pool`. */
export function outboxRelay(deps: { pool: Pool; log: Logger; registry?: Registry }): RelayFactory {
  return (broker, stream) => new OutboxRelay({ ...deps, broker, stream });
}

export function postgresReadiness(pool: Pool): ReadinessCheck {
  return { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) };
}

/** The event settings every service reads from its environment (config.ts storeAndBusConfig). */
export interface EventConfig {
  readonly AMQP_URL: string;
  readonly EVENTS_EXCHANGE: string;
  readonly EVENT_MAX_ATTEMPTS: number;
  readonly EVENT_PREFETCH: number;
  readonly EVENT_RETRY_DELAY_MS: number;
  readonly EVENTS_QUEUE_PREFIX: string;
  readonly EVENT_STREAM: EventStreamKind;
  readonly KAFKA_BROKERS: readonly string[];
}

/** Builds a service's backbone from its validated config and its relay. */
export function eventBackboneFrom(
  config: EventConfig,
  deps: { log: Logger; relay: RelayFactory; registry?: Registry; streamAlone?: readonly string[] },
): EventBackbone {
  const { streamAlone, ...rest } = deps;
  return new EventBackbone({
    ...rest,
    stream: orderEventsAppender(config, streamAlone),
    amqpUrl: config.AMQP_URL,
    exchange: config.EVENTS_EXCHANGE,
    maxAttempts: config.EVENT_MAX_ATTEMPTS,
    prefetch: config.EVENT_PREFETCH,
    retryDelayMs: config.EVENT_RETRY_DELAY_MS,
    queuePrefix: config.EVENTS_QUEUE_PREFIX,
  });
}

/**
 * With EVENT_STREAM=kafka the order events also go to the topic `shop.order-events` (prefixed
 * like queues); the producer connects on the first order event, so other services never do.
 * `alone`: the order events no queue consumes (then only the topic gets them).
 */
export function orderEventsAppender(
  config: EventConfig,
  alone: readonly string[] = [],
): StreamAppender | undefined {
  if (config.EVENT_STREAM !== 'kafka') return undefined;
  return new KafkaAppender({
    brokers: config.KAFKA_BROKERS,
    topic: `${config.EVENTS_QUEUE_PREFIX}${ORDER_EVENTS_TOPIC}`,
    types: ORDER_STREAM_EVENTS,
    alone,
    clientId: 'shop-outbox',
  });
}
