import type { EventEnvelope, ReadinessCheck } from '@shop/common';
import type { Order } from '../domain/order';
import type { OrderState } from '../domain/saga-state';

/** An order with its saga state as stored; `version` increases with every transition. */
export interface StoredOrder extends OrderState {
  readonly version: number;
}

/** The caller's `Idempotency-Key` and the hash of the body it was first used with. */
export interface IdempotencyBinding {
  readonly key: string;
  readonly requestHash: string;
}

export interface NewOrder {
  readonly state: OrderState;
  /** Stored with the order and published after it commits (order.created, first command). */
  readonly events: readonly EventEnvelope[];
  readonly idempotency?: IdempotencyBinding;
}

export type CreateResult =
  | { readonly created: true; readonly order: StoredOrder }
  /** The user already used this key: the order it made and the body hash it was bound to. */
  | { readonly created: false; readonly order: StoredOrder; readonly requestHash: string };

export interface Transition {
  /** The order as read; the write happens only if its version is still current. */
  readonly from: StoredOrder;
  readonly to: OrderState;
  readonly events: readonly EventEnvelope[];
  /** The event that caused the transition, recorded as processed in the same write. */
  readonly causationId?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/**
 * The order repository: orders with their saga state. Every write is atomic with the events
 * it causes, stored in an outbox that a relay publishes (the kit's `outbox` table and
 * OutboxRelay in PostgreSQL, the order's own document and MongoOrderOutbox with
 * PendingEventRelay in MongoDB); transitions are compare-and-set on the version.
 */
export interface OrderStore {
  /** Stores a new order with its events; with a key already used by the user, the earlier order. */
  create(order: NewOrder): Promise<CreateResult>;
  findByIdempotencyKey(
    userId: string,
    key: string,
  ): Promise<{ order: StoredOrder; requestHash: string } | undefined>;
  get(id: string): Promise<StoredOrder | undefined>;
  /** Those of `ids` that exist, in one read (the live streams' poll). */
  getMany(ids: readonly string[]): Promise<StoredOrder[]>;
  /** The order and whether `eventId` was already applied to it (idempotent consumers). */
  getForEvent(
    id: string,
    eventId: string,
  ): Promise<{ order: StoredOrder; processed: boolean } | undefined>;
  /** The user's orders, newest first. */
  listByUser(userId: string, page: number, pageSize: number): Promise<Page<Order>>;
  /** Applies a transition; false when the version moved on (someone else changed the order). */
  transition(change: Transition): Promise<boolean>;
  /** Ids of PENDING orders whose saga step deadline is at or before `now`, oldest first. */
  findOverdue(now: Date, limit: number): Promise<string[]>;
  readiness(): ReadinessCheck;
  close(): Promise<void>;
}
