import {
  parseEvent,
  withTransaction,
  type EventEnvelope,
  type Logger,
  type Pool,
  type Queryable,
} from '@shop/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { ORDER_EVENTS, type OrderEventType } from '../domain/order-outcome';
import { applyOrderEvent, type OrderEvent } from '../store/aggregates-store';
import { advancePosition, readPosition } from '../store/stream-position';
import type { StreamMessage, StreamVerdict } from './stream-consumer';

/** The consumer name of the order stream in processed_events. */
export const ORDER_STREAM_CONSUMER = 'analytics.orders';

type Outcome = 'applied' | 'duplicate' | 'rejected' | 'behind' | 'stale';

/**
 * Handles one message of the order stream in one transaction: the position row is locked, the
 * event applied (once per event id) and the offset recorded together. A message at or before
 * the stored offset was already counted; a position of another epoch means a replay reset the
 * store, so the subscription starts over. A message that breaks its contract cannot be
 * dead-lettered out of a log: it is logged with its offset, counted and passed over.
 */
export function orderStreamHandler(
  pool: Pool,
  log: Logger,
  registry: Registry,
): (message: StreamMessage, epoch: number) => Promise<StreamVerdict> {
  const metrics = projectionMetrics(registry);
  return async (message, epoch) => {
    const event = decode(message, log);
    const outcome = await withTransaction(pool, async (tx): Promise<Outcome> => {
      const position = await readPosition(tx, true);
      if (position.epoch !== epoch) return 'stale';
      if (position.lastOffset !== null && message.offset <= position.lastOffset) return 'behind';
      const fresh = event !== undefined && (await firstDelivery(tx, event.id));
      if (fresh) await applyOrderEvent(tx, event);
      await advancePosition(tx, message.offset);
      return event === undefined ? 'rejected' : fresh ? 'applied' : 'duplicate';
    }).catch((err: unknown) => {
      metrics.messages.inc({ outcome: 'failed' });
      throw err;
    });
    metrics.messages.inc({ outcome });
    if (outcome === 'stale') return 'stale';
    if (outcome !== 'behind') metrics.offset.set(message.offset);
    return outcome === 'behind' ? 'skipped' : 'applied';
  };
}

function decode(message: StreamMessage, log: Logger): OrderEvent | undefined {
  try {
    const event = parseEvent(JSON.parse(message.content.toString('utf8')));
    if (!ORDER_EVENTS.includes(event.type as OrderEventType)) {
      throw new Error(`unexpected ${event.type} in the order stream`);
    }
    return event as EventEnvelope as OrderEvent;
  } catch (err) {
    log.error({ err, offset: message.offset }, 'order stream message rejected; passed over');
    return undefined;
  }
}

/** The second guard: the same event id (a republished copy) counts once. */
async function firstDelivery(tx: Queryable, eventId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [ORDER_STREAM_CONSUMER, eventId],
  );
  return rowCount === 1;
}

function projectionMetrics(registry: Registry) {
  return {
    messages: new Counter({
      name: 'analytics_stream_messages_total',
      help: 'Order stream messages by outcome (applied, duplicate, rejected, behind, stale, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    offset: new Gauge({
      name: 'analytics_stream_offset',
      help: 'Last order stream offset applied to the aggregates',
      registers: [registry],
    }),
  };
}
