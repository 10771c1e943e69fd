import {
  refuseOtherSagaMode,
  type ApplyOnce,
  type EventBackbone,
  type EventType,
  type Logger,
  type Pool,
} from '@shop/common';
import type { Registry } from 'prom-client';
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
  /** Where the saga-mode mismatches are counted. */
  readonly registry: Registry;
  readonly sagaMode: SagaMode;
}

type Work<T extends EventType> = ApplyOnce<T, Outcome>;

/**
 * What asks inventory for its saga steps in each style: the order service's commands, or the
 * order's own facts. Reserving is the forward step and releasing its compensation; the
 * commit follows a confirmed order and is never undone.
 */
export const SAGA_STEPS = {
  orchestration: {
    reserve: 'inventory.reserve_stock',
    release: 'inventory.release_stock',
    commit: 'inventory.commit_stock',
  },
  choreography: { reserve: 'order.created', release: 'order.cancelled', commit: 'order.confirmed' },
} as const satisfies Record<SagaMode, Record<'reserve' | 'release' | 'commit', EventType>>;

/**
 * Everything inventory consumes: new products' stock, and its saga steps as SAGA_STEPS says.
 * Each message is handled once per event id, in one transaction with its effect and the
 * events it causes (the kit's subscribeOnce: under load, a batch of messages shares it).
 */
export function subscribeInventory(deps: SubscriptionDeps): void {
  const { events, pool, log, metrics } = deps;
  const consumer = events.consumer(INVENTORY_QUEUE, { pool });
  const on = <T extends EventType>(type: T, work: Work<T>) =>
    consumer.subscribeOnce(type, work, (outcome, event) => {
      if (outcome === 'out_of_order') {
        log.warn(
          { eventType: type, correlationId: event.correlationId },
          'saga message out of order',
        );
      }
      countOutcome(metrics, outcome ?? 'unchanged'); // undefined: a repeat changes nothing
    });

  on('product.created', (e, tx) =>
    createStock(tx, e.data.productId, e.data.initialStock, causeOf(e)),
  );
  const asks = SAGA_STEPS[deps.sagaMode];
  on(asks.reserve, (e, tx, attempt) =>
    reserveStock(tx, { orderId: e.data.orderId, items: e.data.items, cause: causeOf(e), attempt }),
  );
  on(asks.release, (e, tx) => releaseStock(tx, e.data.orderId, causeOf(e)));
  on(asks.commit, (e, tx) => commitStock(tx, e.data.orderId));
  // Only the orchestrator sends commands: one reaching a choreography inventory means the
  // services disagree on SAGA_MODE. (Order events are published in both modes.)
  if (deps.sagaMode === 'choreography') {
    refuseOtherSagaMode(consumer, Object.values(SAGA_STEPS.orchestration), {
      mode: deps.sagaMode,
      log,
      registry: deps.registry,
    });
  }
}
