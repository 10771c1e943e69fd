import type { EventEnvelope } from './envelope';

/** Which replayable log carries the order events analytics reads (DESIGN.md, `EVENT_STREAM`). */
export const EVENT_STREAMS = ['rabbitmq', 'kafka'] as const;
export type EventStreamKind = (typeof EVENT_STREAMS)[number];

/** The events the replayable log carries: every order fact analytics aggregates. */
export const ORDER_STREAM_EVENTS = ['order.created', 'order.confirmed', 'order.cancelled'] as const;

/** The Kafka topic of the order events (its name before `EVENTS_QUEUE_PREFIX`). */
export const ORDER_EVENTS_TOPIC = 'shop.order-events';

/** One record of a replayable log, as a reader hands it over. */
export interface StreamRecord {
  /** The Kafka partition; always 0 for a RabbitMQ stream (one ordered log). */
  readonly partition: number;
  readonly offset: number;
  readonly content: Buffer;
}

/** `stale`: the store was reset under this reader; it reads again from its stored position. */
export type StreamVerdict = 'handled' | 'stale';

/**
 * Handles one batch (in offset order within each partition) and resolves once its effects have
 * committed: only then does the reader move its position past the batch. A rejection leaves the
 * position where it was, so the batch is read again.
 */
export type StreamBatchHandler = (records: readonly StreamRecord[]) => Promise<StreamVerdict>;

/**
 * A consumer of a replayable log, whichever broker holds it: the service's projection only
 * ever sees `StreamRecord` batches.
 */
export interface StreamReader {
  /** Reads from the stored position; a broker outage is waited out, never fatal. */
  start(): Promise<void>;
  /** Stops reading and waits for the batch in flight. */
  stop(): Promise<void>;
  readonly connected: boolean;
}

/**
 * The log's second writer besides RabbitMQ: an outbox relay appends the events the log carries
 * and deletes its rows only once both have them (at least once; readers dedupe by event id).
 */
export interface StreamAppender {
  /** Whether events of `type` go to the log. */
  carries(type: string): boolean;
  /** Whether the log alone delivers `type`: no queue on the exchange takes it in this configuration. */
  carriesAlone(type: string): boolean;
  /** Resolves once the log holds every event durably; rejects otherwise. */
  append(events: readonly EventEnvelope[]): Promise<void>;
  stop(): Promise<void>;
}

/** Appends the events `stream` carries (none when there is no second log). */
export async function appendCarried(
  stream: StreamAppender | undefined,
  events: readonly EventEnvelope[],
): Promise<void> {
  const carried = stream ? events.filter((e) => stream.carries(e.type)) : [];
  if (carried.length > 0) await stream!.append(carried);
}

/**
 * The events the exchange must route: all but those the log delivers alone. Published with
 * `mandatory`, an event no queue takes would come back unroutable and be kept for ever.
 */
export function forExchange(
  stream: StreamAppender | undefined,
  events: readonly EventEnvelope[],
): readonly EventEnvelope[] {
  return stream ? events.filter((e) => !stream.carriesAlone(e.type)) : events;
}
