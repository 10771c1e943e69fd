/** The public Order (DESIGN.md). Money is integer cents. */
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';
export type FailureReason = 'OUT_OF_STOCK' | 'PAYMENT_DECLINED' | 'TIMEOUT';

/** Saga steps as the order history names them; compensations mark their forward step. */
export type StepName = 'reserve_stock' | 'charge_payment' | 'commit_stock';
export type StepStatus = 'requested' | 'succeeded' | 'failed' | 'compensated' | 'timed_out';

export interface Step {
  readonly name: StepName;
  readonly status: StepStatus;
  readonly at: string;
}

export interface OrderItem {
  readonly productId: string;
  readonly name: string;
  readonly unitPrice: number;
  readonly quantity: number;
}

export interface Order {
  readonly id: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderItem[];
  readonly total: number;
  readonly currency: 'USD';
  readonly failureReason?: FailureReason;
  readonly steps: readonly Step[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A status change the machine does not allow (PENDING -> CONFIRMED | CANCELLED only). */
export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`an order cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/** The largest order total accepted: $1,000,000.00 (payments hold amounts as 32-bit cents). */
export const MAX_ORDER_TOTAL = 100_000_000;

export function orderTotal(items: readonly Pick<OrderItem, 'unitPrice' | 'quantity'>[]): number {
  return items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
}

export function newOrder(fields: {
  id: string;
  userId: string;
  items: readonly OrderItem[];
  at: string;
}): Order {
  return {
    id: fields.id,
    userId: fields.userId,
    status: 'PENDING',
    items: fields.items,
    total: orderTotal(fields.items),
    currency: 'USD',
    steps: [],
    createdAt: fields.at,
    updatedAt: fields.at,
  };
}

export function isFinal(order: Order): boolean {
  return order.status !== 'PENDING';
}

export function confirm(order: Order, at: string): Order {
  assertTransition(order.status, 'CONFIRMED');
  return { ...order, status: 'CONFIRMED', updatedAt: at };
}

export function cancel(order: Order, reason: FailureReason, at: string): Order {
  assertTransition(order.status, 'CANCELLED');
  return { ...order, status: 'CANCELLED', failureReason: reason, updatedAt: at };
}

function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (from !== 'PENDING' || to === 'PENDING') throw new IllegalTransitionError(from, to);
}

export function hasStep(order: Order, name: StepName, status: StepStatus): boolean {
  return order.steps.some((s) => s.name === name && s.status === status);
}

/**
 * Appends steps to the history. Each (name, status) happens at most once in a saga, so one
 * already recorded is skipped: a repeated fact leaves the history as it was.
 */
export function recordSteps(
  order: Order,
  steps: ReadonlyArray<readonly [StepName, StepStatus]>,
  at: string,
): Order {
  const added = steps
    .filter(([name, status], i) => !hasStep(order, name, status) && firstOf(steps, i))
    .map(([name, status]) => ({ name, status, at }));
  if (added.length === 0) return order;
  return { ...order, steps: [...order.steps, ...added], updatedAt: at };
}

function firstOf(steps: ReadonlyArray<readonly [StepName, StepStatus]>, i: number): boolean {
  const [name, status] = steps[i]!;
  return steps.findIndex(([n, s]) => n === name && s === status) === i;
}

/** The order as the API shows it: fields in a fixed order, nothing else (stores may reorder keys). */
export function publicOrder(order: Order): Order {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    items: order.items.map(({ productId, name, unitPrice, quantity }) => ({
      productId,
      name,
      unitPrice,
      quantity,
    })),
    total: order.total,
    currency: order.currency,
    ...(order.failureReason && { failureReason: order.failureReason }),
    steps: order.steps.map(({ name, status, at }) => ({ name, status, at })),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
