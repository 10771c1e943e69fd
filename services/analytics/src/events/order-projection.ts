import {
  parseEvent,
  tracing,
  type EventEnvelope,
  type Logger,
  type Queryable,
  type StreamRecord,
} from '@shop/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { ORDER_EVENTS, type OrderEventType } from '../domain/order-outcome';
import { applyOrderEvent, type OrderEvent } from '../store/aggregates-store';

/** The consumer name of the order stream in processed_events. */
export const ORDER_STREAM_CONSUMER = 'analytics.orders';

/** What became of one record: `behind`/`stale`/`failed` are the feeds' (positions, retries). */
export type Outcome = 'applied' | 'duplicate' | 'rejected' | 'behind' | 'stale' | 'failed';

/**
 * Applies records of the order log in the caller's transaction, each event once by event id.
 * It does not know which log they come from: the feed around it keeps the position. A record
 * that breaks its contract cannot be dead-lettered out of a log: it is logged with its offset,
 * counted and passed over.
 */
export async function projectOrders(
  tx: Queryable,
  records: readonly StreamRecord[],
  log: Logger,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const record of records) outcomes.push(await applyTraced(tx, decode(record, log)));
  return outcomes;
}

/** Each event is a CONSUMER span in its order's trace, though the batch shares one transaction. */
function applyTraced(tx: Queryable, event: OrderEvent | undefined): Promise<Outcome> {
  if (!event) return apply(tx, event);
  const message = { system: 'rabbitmq', destination: ORDER_STREAM_CONSUMER, ...event } as const;
  return tracing().consume(message, () => apply(tx, event));
}

async function apply(tx: Queryable, event: OrderEvent | undefined): Promise<Outcome> {
  if (!event) return 'rejected';
  if (!(await firstDelivery(tx, event.id))) return 'duplicate';
  await applyOrderEvent(tx, event);
  return 'applied';
}

function decode(record: StreamRecord, log: Logger): OrderEvent | undefined {
  try {
    const event = parseEvent(JSON.parse(record.content.toString('utf8')));
    if (!ORDER_EVENTS.includes(event.type as OrderEventType)) {
      throw new Error(`unexpected ${event.type} in the order stream`);
    }
    return event as EventEnvelope as OrderEvent;
  } catch (err) {
    const { partition, offset } = record;
    log.error({ err, partition, offset }, 'order stream message rejected; passed over');
    return undefined;
  }
}

/** The same event id (a republished copy, a redelivery after a crash) counts once. */
async function firstDelivery(tx: Queryable, eventId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [ORDER_STREAM_CONSUMER, eventId],
  );
  return rowCount === 1;
}

/**
 * `analytics_stream_messages_total` by outcome and `analytics_stream_lag_seconds`: one per
 * service registry, for either feed.
 */
export function projectionCounter(registry: Registry) {
  const counter = new Counter({
    name: 'analytics_stream_messages_total',
    help: 'Order stream messages by outcome (applied, duplicate, rejected, behind, stale, failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'analytics_stream_lag_seconds',
    help: 'Seconds between the last handled order event occurring and being handled',
    registers: [registry],
  });
  return {
    /** After a handled batch: how far behind its newest event the aggregates are. */
    observeLag(records: readonly StreamRecord[]) {
      const occurredAt = lastOccurredAt(records);
      if (occurredAt !== undefined) lag.set(Math.max(0, (Date.now() - occurredAt) / 1000));
    },
    count(outcomes: readonly Outcome[]) {
      for (const outcome of outcomes) counter.inc({ outcome });
    },
    countAll(outcome: Outcome, n: number) {
      counter.inc({ outcome }, n);
    },
  };
}

export type ProjectionCounter = ReturnType<typeof projectionCounter>;

function lastOccurredAt(records: readonly StreamRecord[]): number | undefined {
  const last = records.at(-1);
  if (!last) return undefined;
  try {
    const time = Date.parse(
      (JSON.parse(last.content.toString('utf8')) as EventEnvelope).occurredAt,
    );
    return Number.isNaN(time) ? undefined : time;
  } catch {
    return undefined;
  }
}
