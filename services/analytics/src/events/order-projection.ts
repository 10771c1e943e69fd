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

type Outcome = 'applied' | 'duplicate' | 'rejected' | 'behind';
type Handler = (messages: readonly StreamMessage[], epoch: number) => Promise<StreamVerdict>;

/**
 * Handles a batch of the order stream in one transaction: the position row is locked, each
 * event applied (once per event id) and the last offset recorded together. A message at or
 * before the stored offset was already counted; a position of another epoch means a replay
 * reset the store, so the subscription starts over. A message that breaks its contract cannot
 * be dead-lettered out of a log: it is logged with its offset, counted and passed over.
 */
export function orderStreamHandler(pool: Pool, log: Logger, registry: Registry): Handler {
  const metrics = projectionMetrics(registry);
  return async (messages, epoch) => {
    const decoded = messages.map((m) => ({ offset: m.offset, event: decode(m, log) }));
    const outcomes = await withTransaction(pool, async (tx) => {
      const position = await readPosition(tx, true);
      if (position.epoch !== epoch) return 'stale';
      const ahead = decoded.filter((m) => m.offset > (position.lastOffset ?? -1));
      const applied: Outcome[] = [];
      for (const { event } of ahead) applied.push(await apply(tx, event));
      if (ahead.length > 0) await advancePosition(tx, ahead.at(-1)!.offset);
      return [...applied, ...Array<Outcome>(decoded.length - ahead.length).fill('behind')];
    }).catch((err: unknown) => {
      metrics.messages.inc({ outcome: 'failed' }, messages.length);
      throw err;
    });
    if (outcomes === 'stale') {
      metrics.messages.inc({ outcome: 'stale' }, messages.length);
      return 'stale';
    }
    for (const outcome of outcomes) metrics.messages.inc({ outcome });
    metrics.offset.set(messages.at(-1)!.offset);
    return 'handled';
  };
}

async function apply(tx: Queryable, event: OrderEvent | undefined): Promise<Outcome> {
  if (!event) return 'rejected';
  if (!(await firstDelivery(tx, event.id))) return 'duplicate';
  await applyOrderEvent(tx, event);
  return 'applied';
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
