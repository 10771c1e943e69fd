/** A reservation's life: RESERVED -> COMMITTED | RELEASED; REJECTED and RELEASED are final. */
export type ReservationStatus = 'RESERVED' | 'COMMITTED' | 'RELEASED' | 'REJECTED';

export interface StockLine {
  productId: string;
  quantity: number;
}

export interface Reservation {
  orderId: string;
  status: ReservationStatus;
  lines: StockLine[];
}

/** What a handled message did; counted after its transaction commits. */
export type Outcome =
  | 'reserved'
  | 'rejected'
  | 'released'
  | 'committed'
  | 'stocked'
  /** Nothing to change: a repeat of a message already acted on. */
  | 'unchanged'
  /** A message the saga should never send in this state (logged, not retried). */
  | 'out_of_order';

/**
 * One line per product (quantities of repeated products added up), sorted by product id:
 * rows are locked in this order everywhere, so two transactions never wait on each other
 * in a cycle.
 */
export function mergeLines(items: readonly StockLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const { productId, quantity } of items) {
    totals.set(productId, (totals.get(productId) ?? 0) + quantity);
  }
  return [...totals]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/** All or nothing: every line's product is known and has the quantity available. */
export function canReserve(available: ReadonlyMap<string, number>, lines: readonly StockLine[]) {
  return lines.every((line) => (available.get(line.productId) ?? 0) >= line.quantity);
}

/** The reply a repeated reserve gets: the first outcome, or rejected once released. */
export function replyTo(status: ReservationStatus): 'inventory.reserved' | 'inventory.rejected' {
  return status === 'RESERVED' || status === 'COMMITTED'
    ? 'inventory.reserved'
    : 'inventory.rejected';
}

export function releaseAction(status: ReservationStatus): 'release' | 'none' | 'out_of_order' {
  if (status === 'RESERVED') return 'release';
  // A confirmed order is never cancelled, so its stock is never released.
  return status === 'COMMITTED' ? 'out_of_order' : 'none';
}

export function commitAction(status: ReservationStatus): 'commit' | 'none' | 'out_of_order' {
  if (status === 'RESERVED') return 'commit';
  // Only a reserved order can be confirmed.
  return status === 'COMMITTED' ? 'none' : 'out_of_order';
}

/** A tombstone: released before anything was reserved. */
export function isTombstone(reservation: Reservation): boolean {
  return reservation.status === 'RELEASED' && reservation.lines.length === 0;
}
