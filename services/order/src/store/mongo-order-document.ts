import type { EventEnvelope } from '@shop/common';
import type { CreateIndexesOptions, IndexSpecification } from 'mongodb';
import type { Order, OrderStatus } from '../domain/order';
import type { SagaState } from '../domain/saga-state';
import type { NewOrder, StoredOrder } from './order-store';

/**
 * One document per order: the order, its saga state, its outgoing events (`pendingEvents`)
 * and the ids of the events it has handled. Everything a write changes lives in that one
 * document, so single-document atomicity is all it needs (no multi-document transactions).
 */
export interface OrderDocument {
  _id: string;
  userId: string;
  status: OrderStatus;
  version: number;
  order: Order;
  saga: SagaState;
  /** The saga step deadline while PENDING; null once final. */
  deadline: Date | null;
  /** `key:<Idempotency-Key>`, or `auto:<order id>` without one; unique per user. */
  idempotencyKey: string;
  requestHash: string | null;
  createdAt: Date;
  pendingEvents: EventEnvelope[];
  /** When a relay may take the pending events; null when there are none. */
  relayAfter: Date | null;
  relayClaim?: string;
  processedEventIds: string[];
}

export const INDEXES: Array<[IndexSpecification, CreateIndexesOptions]> = [
  [
    { userId: 1, idempotencyKey: 1 },
    { name: 'idempotency_key', unique: true },
  ],
  [{ userId: 1, createdAt: -1, _id: -1 }, { name: 'by_user' }],
  [{ deadline: 1 }, { name: 'overdue' }],
  [{ relayAfter: 1 }, { name: 'relay_due' }],
];

export const stored = (doc: Pick<OrderDocument, 'order' | 'saga' | 'version'>): StoredOrder => ({
  order: doc.order,
  saga: doc.saga,
  version: doc.version,
});
export const asDate = (iso: string | null) => (iso === null ? null : new Date(iso));

/** The document of a new order: version 1, its first events pending. */
export function newDocument({ state, events, idempotency }: NewOrder): OrderDocument {
  const { order, saga } = state;
  return {
    _id: order.id,
    userId: order.userId,
    status: order.status,
    version: 1,
    order,
    saga,
    deadline: asDate(saga.deadline),
    idempotencyKey: idempotency ? `key:${idempotency.key}` : `auto:${order.id}`,
    requestHash: idempotency?.requestHash ?? null,
    createdAt: new Date(order.createdAt),
    pendingEvents: [...events],
    relayAfter: events.length > 0 ? new Date() : null,
    processedEventIds: [],
  };
}
