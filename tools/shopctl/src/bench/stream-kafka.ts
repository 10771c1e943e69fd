import {
  createLogger,
  ensureTopic,
  KafkaAppender,
  KafkaReader,
  loadKafka,
  ORDER_EVENTS_TOPIC,
  ORDER_STREAM_EVENTS,
  type EventEnvelope,
} from '@shop/common';
import { deleteKafkaObjects } from '../kafka/cleanup';
import { batches } from './stream-events';
import { measurePhase, readPhase, writeAll, type StreamPhase } from './stream-phase';

export interface LogRun {
  /** Prepended to the topic and group (or queue and exchange): removed afterwards. */
  readonly prefix: string;
  readonly events: readonly EventEnvelope[];
  /** Events per append (the outbox relay's batch) and per read batch (analytics' prefetch). */
  readonly batch: number;
  readonly timeoutMs: number;
}

export interface LogFigures {
  readonly written: StreamPhase;
  readonly read: StreamPhase;
}

/**
 * The topic `shop.order-events` (prefixed, 3 partitions, key = order id) through the kit's
 * KafkaAppender (idempotent producer, acks=all, one batch at a time like the outbox relay),
 * then read back from the first offset by the kit's KafkaReader as a consumer group
 * (offsets committed after each batch, as analytics does).
 */
export async function kafkaLog(brokers: readonly string[], run: LogRun): Promise<LogFigures> {
  const topic = `${run.prefix}${ORDER_EVENTS_TOPIC}`;
  const groupId = `${run.prefix}analytics`;
  const port = Number(brokers[0]!.split(':').at(-1));
  await ensureTopic(await loadKafka(), { brokers, topic });
  const appender = new KafkaAppender({
    brokers,
    topic,
    types: ORDER_STREAM_EVENTS,
    clientId: 'bench-outbox',
  });
  try {
    const written = await measurePhase(port, run.events.length, () =>
      writeAll(batches(run.events, run.batch), (batch) => appender.append(batch)),
    );
    const reading = readPhase(port, run.events.length, run.timeoutMs);
    const reader = new KafkaReader({
      brokers,
      topic,
      groupId,
      clientId: 'bench-analytics',
      from: 'earliest',
      maxBatch: run.batch,
      retryDelayMs: 200,
      log: createLogger('bench', 'warn'),
      handle: reading.handle,
    });
    try {
      return { written, read: await reading.measure(() => reader.start()) };
    } finally {
      await reader.stop();
    }
  } finally {
    await appender.stop();
    await deleteKafkaObjects(brokers, run.prefix).catch(() => undefined);
  }
}
