import type { Broker, EventBackbone, Logger, Pool } from '@shop/common';
import type { Registry } from 'prom-client';
import { ORDER_EVENTS } from '../domain/order-outcome';
import { saveCategory } from '../store/catalog-store';
import { readPosition } from '../store/stream-position';
import { orderStreamHandler } from './order-projection';
import { StreamConsumer, type StreamStart } from './stream-consumer';

/** Product categories (for recommendations): a classic queue of the kit, retried and dead-lettered. */
export const CATALOG_QUEUE = 'analytics.catalog';
/** The order events: a stream queue, the replayable log the aggregates are built from. */
export const ORDER_STREAM = 'analytics.orders';

/** product.created / product.updated keep the local product -> category table. */
export function subscribeCatalog(events: EventBackbone, pool: Pool): void {
  events
    .consumer(CATALOG_QUEUE)
    .subscribe('product.created', (event) => saveCategory(pool, event.data))
    .subscribe('product.updated', (event) => saveCategory(pool, event.data));
}

export interface OrderStreamDeps {
  readonly broker: Broker;
  readonly pool: Pool;
  readonly log: Logger;
  readonly registry: Registry;
  readonly queuePrefix: string;
  readonly prefetch: number;
  readonly retryDelayMs: number;
}

/** The consumer of the order stream, resuming at the stored offset + 1. */
export function orderStreamConsumer(
  deps: OrderStreamDeps,
  handle = orderStreamHandler(deps.pool, deps.log, deps.registry),
): StreamConsumer {
  return new StreamConsumer({
    broker: deps.broker,
    stream: `${deps.queuePrefix}${ORDER_STREAM}`,
    routingKeys: ORDER_EVENTS,
    prefetch: deps.prefetch,
    retryDelayMs: deps.retryDelayMs,
    log: deps.log,
    start: () => storedStart(deps.pool),
    handle,
  });
}

export async function storedStart(pool: Pool): Promise<StreamStart> {
  const { epoch, lastOffset } = await readPosition(pool);
  return { epoch, from: lastOffset === null ? 'first' : lastOffset + 1 };
}
