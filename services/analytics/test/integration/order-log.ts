import {
  committedOffsets,
  KafkaAppender,
  loadKafka,
  ORDER_STREAM_EVENTS,
  publishEvents,
  topicEnds,
  type Broker,
  type EventEnvelope,
  type EventStreamKind,
  type KafkaTarget,
  type Pool,
  type StreamAppender,
} from '@shop/common';
import { TEST_KAFKA_BROKERS } from '@shop/common/testing';
import { ANALYTICS_GROUP, kafkaTarget } from '../../src/stream/kafka-feed';
import { readPosition } from '../../src/store/stream-position';

/** The log the order events reach analytics through, as a test writes and watches it. */
export interface OrderLog {
  readonly kind: EventStreamKind;
  /** Appends like the order service's outbox relay does. */
  append(events: readonly EventEnvelope[]): Promise<void>;
  /** A raw record outside any contract. */
  appendRaw(content: string): Promise<void>;
  /** How many records the consumer's committed position is past: where a restart resumes. */
  committed(pool: Pool): Promise<number>;
  /** Where a replay stops: what `ReplayResult.through` says. */
  end(published: number): Promise<string>;
  destroy(): Promise<void>;
}

/** The RabbitMQ stream queue, fed by the exchange's bindings; the offset is stored in `pool`. */
export function rabbitmqLog(publisher: Broker): OrderLog {
  return {
    kind: 'rabbitmq',
    append: (events) => publishEvents(publisher, events),
    async appendRaw(content) {
      const { channel } = publisher.publishChannel();
      channel.publish(publisher.exchange, 'order.confirmed', Buffer.from(content), {
        persistent: true,
      });
      await channel.waitForConfirms();
    },
    committed: async (pool) => ((await readPosition(pool)).lastOffset ?? -1) + 1,
    end: async (published) => `offset ${published - 1}`,
    destroy: async () => undefined,
  };
}

/** The Kafka topic, written through the kit's appender; the offsets are the group's. */
export function kafkaLog(queuePrefix: string, brokers = TEST_KAFKA_BROKERS): OrderLog {
  const target: KafkaTarget = kafkaTarget({ kafkaBrokers: brokers, queuePrefix });
  const appender: StreamAppender = new KafkaAppender({
    ...target,
    types: ORDER_STREAM_EVENTS,
    clientId: 'test-outbox',
  });
  const group = `${queuePrefix}${ANALYTICS_GROUP}`;
  return {
    kind: 'kafka',
    append: (events) => appender.append(events),
    async appendRaw(content) {
      const kafka = await loadKafka();
      const producer = new kafka.Producer({
        clientId: 'test-raw',
        bootstrapBrokers: [...brokers],
        serializers: kafka.stringSerializers,
        acks: kafka.ProduceAcks.ALL,
      });
      await producer.send({ messages: [{ topic: target.topic, key: 'raw', value: content }] });
      await producer.close();
    },
    async committed() {
      const offsets = await committedOffsets(await loadKafka(), target, group);
      return [...offsets.values()].reduce((sum, next) => sum + next, 0);
    },
    async end() {
      const ends = await topicEnds(await loadKafka(), target);
      return `offsets ${[...ends].map(([p, end]) => `${p}:${end - 1}`).join(' ')}`;
    },
    async destroy() {
      await appender.stop();
      const kafka = await loadKafka();
      const admin = new kafka.Admin({ clientId: 'test-cleanup', bootstrapBrokers: [...brokers] });
      await admin.deleteGroups({ groups: [group] }).catch(() => undefined);
      await admin.deleteTopics({ topics: [target.topic] }).catch(() => undefined);
      await admin.close();
    },
  };
}
