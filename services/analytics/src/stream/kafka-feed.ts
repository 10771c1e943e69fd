import {
  KafkaReader,
  ORDER_EVENTS_TOPIC,
  withTransaction,
  type KafkaReaderOptions,
  type Logger,
  type Pool,
  type StreamBatchHandler,
} from '@shop/common';
import type { Registry } from 'prom-client';
import { projectionCounter, projectOrders } from '../events/order-projection';
import type { OrderFeedDeps } from './order-feed';

/** The consumer group analytics reads the topic as. */
export const ANALYTICS_GROUP = 'analytics';

/** The Kafka feed: the consumer group `analytics` on `shop.order-events` (both prefixed). */
export function kafkaOrderFeed(
  deps: OrderFeedDeps,
  overrides: Partial<KafkaReaderOptions> = {},
): KafkaReader {
  return new KafkaReader({
    ...kafkaTarget(deps),
    groupId: `${deps.queuePrefix}${ANALYTICS_GROUP}`,
    clientId: 'analytics',
    maxBatch: deps.maxBatch,
    retryDelayMs: deps.retryDelayMs,
    log: deps.log,
    handle: kafkaOrderHandler(deps.pool, deps.log, deps.registry),
    ...overrides,
  });
}

export function kafkaTarget(deps: Pick<OrderFeedDeps, 'kafkaBrokers' | 'queuePrefix'>) {
  return { brokers: deps.kafkaBrokers, topic: `${deps.queuePrefix}${ORDER_EVENTS_TOPIC}` };
}

/**
 * Kafka keeps the group's offsets: the batch is applied in one transaction (each event once by
 * id) and the reader commits the offsets after it. A crash between the two reads the batch
 * again, and the event ids make that a no-op.
 */
export function kafkaOrderHandler(pool: Pool, log: Logger, registry: Registry): StreamBatchHandler {
  const counter = projectionCounter(registry);
  return async (records) => {
    const outcomes = await withTransaction(pool, (tx) => projectOrders(tx, records, log)).catch(
      (err: unknown) => {
        counter.countAll('failed', records.length);
        throw err;
      },
    );
    counter.count(outcomes);
    counter.observeLag(records);
    return 'handled';
  };
}
