import type { Producer } from '@platformatic/kafka' with { 'resolution-mode': 'import' };
import { tracing, type TracedMessage } from '../../telemetry/tracing';
import type { EventEnvelope } from '../envelope';
import type { StreamAppender } from '../stream';
import { ensureTopic, loadKafka, type KafkaTarget } from './client';

export interface KafkaAppenderOptions extends KafkaTarget {
  /** The event types the topic carries. */
  readonly types: readonly string[];
  /** Of those, the types no queue on the exchange consumes: the topic alone delivers them. */
  readonly alone?: readonly string[];
  readonly clientId: string;
}

/**
 * Appends events to a Kafka topic with an idempotent producer and `acks=all`, keyed by order id
 * so one order's events stay in one partition, in order. The producer is created on the first
 * append (a service that never appends never connects) and again after a failure.
 */
export class KafkaAppender implements StreamAppender {
  private producer?: Promise<Producer<string, string, string, string>>;

  constructor(private readonly options: KafkaAppenderOptions) {}

  carries(type: string): boolean {
    return this.options.types.includes(type);
  }

  carriesAlone(type: string): boolean {
    return this.options.alone?.includes(type) ?? false;
  }

  async append(events: readonly EventEnvelope[]): Promise<void> {
    const producer = await (this.producer ??= this.connect());
    const { topic } = this.options;
    const traced = events.map((event) => ({
      system: 'kafka',
      destination: topic,
      key: orderKey(event),
      ...event,
    })) satisfies TracedMessage[];
    try {
      await tracing().produceBatch(traced, (traceparents) =>
        producer.send({
          messages: events.map((event, i) => record(topic, traced[i]!.key, event, traceparents[i])),
        }),
      );
    } catch (err) {
      await this.reset();
      throw err;
    }
  }

  stop(): Promise<void> {
    return this.reset();
  }

  private async connect(): Promise<Producer<string, string, string, string>> {
    try {
      const kafka = await loadKafka();
      await ensureTopic(kafka, this.options);
      return new kafka.Producer({
        clientId: this.options.clientId,
        bootstrapBrokers: [...this.options.brokers],
        serializers: kafka.stringSerializers,
        idempotent: true,
        acks: kafka.ProduceAcks.ALL,
        connectTimeout: 3000,
        retries: 2,
      });
    } catch (err) {
      this.producer = undefined;
      throw err;
    }
  }

  /** Closes the producer; the next append opens a new one (a new idempotent session). */
  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await (await producer?.catch(() => undefined))?.close(true).catch(() => undefined);
  }
}

/** The record; the envelope and the header carry the PRODUCER span's traceparent. */
function record(topic: string, key: string, event: EventEnvelope, traceparent?: string) {
  const sent = traceparent ? { ...event, traceparent } : event;
  return {
    topic,
    key,
    value: JSON.stringify(sent),
    headers: traceparent ? { traceparent } : undefined,
  };
}

/** The partition key: the order id (the saga's correlation id when the data has none). */
function orderKey(event: EventEnvelope): string {
  const orderId = (event.data as { orderId?: unknown } | undefined)?.orderId;
  return typeof orderId === 'string' ? orderId : event.correlationId;
}
