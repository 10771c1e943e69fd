import {
  idempotent,
  type EventBackbone,
  type EventEnvelope,
  type EventType,
  type Logger,
  type Pool,
  type PoolClient,
} from '@shop/common';
import type { SagaMode } from '../config';
import type { Outcome } from '../domain/reservation';
import { countOutcome, type InventoryMetrics } from '../metrics';
import { commitStock, releaseStock, reserveStock } from '../use-cases/reservations';
import { createStock } from '../use-cases/stock';
import { causeOf } from './outgoing';

/** The service's queue; also its consumer name in processed_events. */
export const INVENTORY_QUEUE = 'inventory';

export interface SubscriptionDeps {
  readonly events: EventBackbone;
  readonly pool: Pool;
  readonly log: Logger;
  readonly metrics: InventoryMetrics;
  readonly sagaMode: SagaMode;
}

type Work<T extends EventType> = (event: EventEnvelope<T>, tx: PoolClient) => Promise<Outcome>;

/**
 * Everything inventory consumes. Orchestration: the order service's commands; choreography:
 * the order's own events. Each message is handled once per event id, in one transaction
 * with its effect and the events it causes.
 */
export function subscribeInventory(deps: SubscriptionDeps): void {
  const { events, pool, log, metrics } = deps;
  const consumer = events.consumer(INVENTORY_QUEUE);
  const on = <T extends EventType>(type: T, work: Work<T>) =>
    consumer.subscribe(type, async (event) => {
      let outcome = 'unchanged' as Outcome; // set inside the transaction; 'unchanged' for a repeat
      await idempotent(pool, INVENTORY_QUEUE, async (e: EventEnvelope<T>, tx) => {
        outcome = await work(e, tx);
      })(event);
      if (outcome === 'out_of_order') {
        log.warn(
          { eventType: type, correlationId: event.correlationId },
          'saga message out of order',
        );
      }
      countOutcome(metrics, outcome);
      events.relay.kick();
    });

  on('product.created', (e, tx) =>
    createStock(tx, e.data.productId, e.data.initialStock, causeOf(e)),
  );
  if (deps.sagaMode === 'orchestration') {
    on('inventory.reserve_stock', (e, tx) =>
      reserveStock(tx, e.data.orderId, e.data.items, causeOf(e)),
    );
    on('inventory.release_stock', (e, tx) => releaseStock(tx, e.data.orderId, causeOf(e)));
    on('inventory.commit_stock', (e, tx) => commitStock(tx, e.data.orderId, causeOf(e)));
  } else {
    on('order.created', (e, tx) => reserveStock(tx, e.data.orderId, e.data.items, causeOf(e)));
    on('order.cancelled', (e, tx) => releaseStock(tx, e.data.orderId, causeOf(e)));
    on('order.confirmed', (e, tx) => commitStock(tx, e.data.orderId, causeOf(e)));
  }
}
