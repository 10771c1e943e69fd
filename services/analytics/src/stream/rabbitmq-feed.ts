import { withTransaction, type Logger, type Pool, type StreamVerdict } from '@shop/common';
import { Gauge, type Registry } from 'prom-client';
import { ORDER_EVENTS } from '../domain/order-outcome';
import { projectionCounter, projectOrders, type Outcome } from '../events/order-projection';
import { StreamConsumer, type StreamMessage, type StreamStart } from '../events/stream-consumer';
import { advancePosition, readPosition } from '../store/stream-position';
import type { OrderFeedDeps } from './order-feed';

/** The order events in RabbitMQ: a stream queue bound to the exchange. */
export const ORDER_STREAM = 'analytics.orders';

type Handler = (messages: readonly StreamMessage[], epoch: number) => Promise<StreamVerdict>;

/** The RabbitMQ feed: the stream queue read from the offset stored with the aggregates. */
export function rabbitmqOrderFeed(deps: OrderFeedDeps, handle?: Handler): StreamConsumer {
  return new StreamConsumer({
    broker: deps.broker,
    stream: `${deps.queuePrefix}${ORDER_STREAM}`,
    routingKeys: ORDER_EVENTS,
    prefetch: deps.maxBatch,
    retryDelayMs: deps.retryDelayMs,
    log: deps.log,
    start: () => storedStart(deps.pool),
    handle: handle ?? rabbitmqOrderHandler(deps.pool, deps.log, deps.registry),
  });
}

/**
 * A RabbitMQ stream keeps no consumer offsets over AMQP, so the offset is stored here, in the
 * transaction of the aggregates: the position row is locked, the records past it applied and
 * the last offset recorded together. A position of another epoch means a replay reset the
 * store, so the subscription starts over.
 */
export function rabbitmqOrderHandler(pool: Pool, log: Logger, registry: Registry): Handler {
  const counter = projectionCounter(registry);
  const offset = new Gauge({
    name: 'analytics_stream_offset',
    help: 'Last order stream offset applied to the aggregates',
    registers: [registry],
  });
  return async (messages, epoch) => {
    const records = messages.map((m) => ({ ...m, partition: 0 }));
    const outcomes = await withTransaction(pool, async (tx) => {
      const position = await readPosition(tx, true);
      if (position.epoch !== epoch) return 'stale';
      const ahead = records.filter((m) => m.offset > (position.lastOffset ?? -1));
      const applied = await projectOrders(tx, ahead, log);
      if (ahead.length > 0) await advancePosition(tx, ahead.at(-1)!.offset);
      return [...applied, ...Array<Outcome>(records.length - ahead.length).fill('behind')];
    }).catch((err: unknown) => {
      counter.countAll('failed', messages.length);
      throw err;
    });
    if (outcomes === 'stale') {
      counter.countAll('stale', messages.length);
      return 'stale';
    }
    counter.count(outcomes);
    offset.set(messages.at(-1)!.offset);
    counter.observeLag(records);
    return 'handled';
  };
}

export async function storedStart(pool: Pool): Promise<StreamStart> {
  const { epoch, lastOffset } = await readPosition(pool);
  return { epoch, from: lastOffset === null ? 'first' : lastOffset + 1 };
}
