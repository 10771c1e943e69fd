import { randomUUID } from 'node:crypto';
import { AppError, type Identity } from '@shop/common';
import type { Catalog } from '../catalog/catalog';
import { MAX_ORDER_TOTAL, newOrder, orderTotal, type Order } from '../domain/order';
import { requestHash, type PlaceOrderInput } from '../domain/order-input';
import { envelopes } from '../events/outgoing';
import type { OrderMetrics } from '../metrics';
import { startSaga } from '../saga/decisions';
import type { SagaContext } from '../saga/transitions';
import type { OrderStore, StoredOrder } from '../store/order-store';

export interface PlaceOrderDeps {
  readonly store: OrderStore;
  readonly catalog: Catalog;
  readonly metrics: OrderMetrics;
  readonly sagaContext: () => SagaContext;
  /** Asks the relay to publish soon; called after the order and its first events are stored. */
  readonly kickRelay: () => void;
}

export interface PlacedOrder {
  readonly order: Order;
  /** True when an earlier request with the same Idempotency-Key made this order. */
  readonly replayed: boolean;
}

/**
 * Prices the lines from the catalog and stores the PENDING order with the saga's first
 * messages. With an `Idempotency-Key` the user already used, it answers with that order
 * (same body) or a 422 (other body) and starts nothing.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  caller: Identity,
  input: PlaceOrderInput,
  idempotencyKey?: string,
): Promise<PlacedOrder> {
  const hash = requestHash(input);
  if (idempotencyKey) {
    const earlier = await deps.store.findByIdempotencyKey(caller.userId, idempotencyKey);
    if (earlier) return replay(earlier, hash);
  }
  const items = await deps.catalog.priceLines(input.items);
  if (orderTotal(items) > MAX_ORDER_TOTAL) {
    throw new AppError(
      'order_total_too_large',
      422,
      `an order may total at most ${MAX_ORDER_TOTAL} cents`,
    );
  }
  const ctx = deps.sagaContext();
  const order = newOrder({
    id: randomUUID(),
    userId: caller.userId,
    items,
    at: ctx.now.toISOString(),
  });
  const start = startSaga(order, input.payment.token, ctx);
  const result = await deps.store.create({
    state: start.state,
    events: envelopes(start.messages, order.id),
    ...(idempotencyKey && { idempotency: { key: idempotencyKey, requestHash: hash } }),
  });
  if (!result.created) return replay(result, hash);
  deps.kickRelay();
  deps.metrics.created.inc();
  return { order: result.order.order, replayed: false };
}

function replay(earlier: { order: StoredOrder; requestHash: string }, hash: string): PlacedOrder {
  if (earlier.requestHash !== hash) {
    throw new AppError(
      'idempotency_key_reused',
      422,
      'this Idempotency-Key was already used with a different request body',
    );
  }
  return { order: earlier.order.order, replayed: true };
}
