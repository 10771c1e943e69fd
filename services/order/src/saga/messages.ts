import type { EventData, EventType, SagaMode } from '@shop/common';
import type { FailureReason, Order } from '../domain/order';

/**
 * The order's events no participant consumes in a saga style: in orchestration inventory and
 * payment follow the commands, so `order.created` has one reader, analytics. On Kafka only the
 * topic gets it (on RabbitMQ the stream queue binds it); published to the exchange, no queue
 * would take it.
 */
export const UNCONSUMED_ON_THE_EXCHANGE = {
  orchestration: ['order.created'],
  choreography: [],
} as const satisfies Record<SagaMode, readonly EventType[]>;

/** A message to send, before it gets its envelope. */
export type Message = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/** The saga's messages, built from the order (money and lines never come from elsewhere). */
export const sagaMessages = {
  orderCreated: (order: Order, token: string): Message => ({
    type: 'order.created',
    data: { ...facts(order), currency: 'USD', payment: { token } },
  }),
  orderConfirmed: (order: Order): Message => ({ type: 'order.confirmed', data: facts(order) }),
  orderCancelled: (order: Order, reason: FailureReason): Message => ({
    type: 'order.cancelled',
    data: { ...facts(order), reason },
  }),
  reserveStock: (order: Order): Message => ({
    type: 'inventory.reserve_stock',
    data: {
      orderId: order.id,
      items: order.items.map(({ productId, quantity }) => ({ productId, quantity })),
    },
  }),
  releaseStock: (order: Order): Message => ({
    type: 'inventory.release_stock',
    data: { orderId: order.id },
  }),
  commitStock: (order: Order): Message => ({
    type: 'inventory.commit_stock',
    data: { orderId: order.id },
  }),
  charge: (order: Order, token: string): Message => ({
    type: 'payment.charge',
    data: { orderId: order.id, userId: order.userId, amount: order.total, currency: 'USD', token },
  }),
  refund: (order: Order): Message => ({ type: 'payment.refund', data: { orderId: order.id } }),
};

function facts(order: Order) {
  return { orderId: order.id, userId: order.userId, items: [...order.items], total: order.total };
}
