/**
 * What the invariant checker reads from each service's own store, as plain data. Readers map
 * a store's rows to these shapes; the check itself is a pure function over them.
 */
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

export interface StockLine {
  readonly productId: string;
  readonly quantity: number;
}

/** One order, from the order store. */
export interface OrderFact {
  readonly id: string;
  readonly status: OrderStatus;
  /** Cents. */
  readonly total: number;
  readonly items: readonly StockLine[];
  readonly failureReason?: string | null;
}

/**
 * The money of one order (cents): what the card provider actually charged and refunded, and
 * the payment service's own record of it (absent when the service has no row for the order).
 */
export interface PaymentFact {
  readonly orderId: string;
  readonly charges: readonly number[];
  readonly refunds: readonly number[];
  readonly status?: PaymentStatus;
}

export type PaymentStatus =
  'AWAITING_STOCK' | 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED' | 'VOIDED';

export type ReservationState = 'RESERVED' | 'COMMITTED' | 'RELEASED' | 'REJECTED';

/** The reservation of one order, from the inventory store. */
export interface ReservationFact {
  readonly orderId: string;
  readonly state: ReservationState;
  readonly items: readonly StockLine[];
}

/** The stock of one product, from the inventory store. */
export interface StockFact {
  readonly productId: string;
  readonly available: number;
  readonly reserved: number;
  /** Every unit ever made available (initial stock plus restocks); unknown to older stores. */
  readonly madeAvailable?: number;
}

/** One order email, from the notification service's store. */
export interface NotificationFact {
  readonly orderId: string;
  readonly kind: 'order_confirmed' | 'order_cancelled';
}

export interface ShopSnapshot {
  readonly orders: readonly OrderFact[];
  readonly payments: readonly PaymentFact[];
  readonly reservations: readonly ReservationFact[];
  readonly stock: readonly StockFact[];
  /** Absent when the stack runs no notification service. */
  readonly notifications?: readonly NotificationFact[];
}

/** The invariants of DESIGN.md ("Order placement saga"), one name per way to break them. */
export type InvariantName =
  | 'order_final'
  | 'no_oversell'
  | 'stock_balance'
  | 'cancelled_no_charge'
  | 'cancelled_no_reservation'
  | 'confirmed_one_charge'
  | 'confirmed_stock_committed'
  | 'orphan_charge'
  | 'orphan_reservation'
  | 'payment_record'
  | 'one_email_per_final_state';

export interface Violation {
  readonly invariant: InvariantName;
  readonly orderId?: string;
  readonly productId?: string;
  readonly detail: string;
}

export interface InvariantReport {
  readonly ok: boolean;
  readonly orders: {
    readonly total: number;
    readonly confirmed: number;
    readonly cancelled: number;
    readonly pending: number;
  };
  readonly products: number;
  readonly violations: readonly Violation[];
}
