import { ORDER_STREAM_EVENTS } from '@shop/common';

/** The order events the analytics stream carries. */
export const ORDER_EVENTS = ORDER_STREAM_EVENTS;
export type OrderEventType = (typeof ORDER_EVENTS)[number];

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

/** What one event changes in the counters; undefined when it changes nothing. */
export interface OrderChange {
  readonly status: OrderStatus;
  /** The first event of this order: it counts in `orders.total`. */
  readonly newOrder: boolean;
  /** The order reached its final state with this event. */
  readonly outcome?: 'CONFIRMED' | 'CANCELLED';
}

const FINAL: Partial<Record<OrderEventType, 'CONFIRMED' | 'CANCELLED'>> = {
  'order.confirmed': 'CONFIRMED',
  'order.cancelled': 'CANCELLED',
};

/**
 * How an event moves an order whose known status is `current` (undefined: not seen yet).
 * PENDING is followed by exactly one final state, never back: a late `order.created` or a
 * second final event changes nothing, so the counters do not depend on arrival order.
 */
export function orderChange(
  current: OrderStatus | undefined,
  type: OrderEventType,
): OrderChange | undefined {
  const outcome = FINAL[type];
  if (current === 'CONFIRMED' || current === 'CANCELLED') return undefined;
  if (!outcome) return current ? undefined : { status: 'PENDING', newOrder: true };
  return { status: outcome, newOrder: current === undefined, outcome };
}
