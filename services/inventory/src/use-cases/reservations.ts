import { addToOutbox, type Attempt, type Queryable } from '@shop/common';
import {
  canReserve,
  commitAction,
  isTombstone,
  mergeLines,
  releaseAction,
  replyTo,
  type Outcome,
  type StockLine,
} from '../domain/reservation';
import { inventoryEvent, stockChanged, type Cause } from '../events/outgoing';
import {
  leaveTombstone,
  lockReservation,
  setReservation,
  startReservation,
} from '../store/reservation-store';
import { lockStock, moveStock } from '../store/stock-store';

export interface ReserveRequest {
  readonly orderId: string;
  readonly items: readonly StockLine[];
  readonly cause: Cause;
  /** The message's delivery: a product not known yet is waited for while retries remain. */
  readonly attempt: Attempt;
}

/**
 * The order names a product whose `product.created` inventory has not handled yet: it may still
 * be on its way (a product is orderable as soon as its POST answered 201), so the message is
 * retried rather than the order rejected.
 */
export class ProductNotKnownYetError extends Error {
  constructor(readonly productIds: readonly string[]) {
    super(`no stock known yet for ${productIds.join(', ')}; retried`);
    this.name = 'ProductNotKnownYetError';
  }
}

/**
 * Reserves every line of an order or none (`inventory.reserved` | `inventory.rejected`).
 * Keyed by order id: a repeat gets the first outcome again, a reserve after a release is
 * rejected without touching stock. A product with no stock yet is waited for (the message is
 * retried) until the last attempt, which rejects. Runs in the caller's transaction.
 */
export async function reserveStock(tx: Queryable, request: ReserveRequest): Promise<Outcome> {
  const { orderId, items, cause } = request;
  if (!(await startReservation(tx, orderId))) {
    return answerAgain(tx, orderId, cause);
  }
  const lines = mergeLines(items);
  const available = await lockStock(
    tx,
    lines.map((l) => l.productId),
  );
  const unknown = lines.filter((l) => !available.has(l.productId)).map((l) => l.productId);
  // Thrown, the transaction rolls back (the reservation too) and the kit retries the message.
  if (unknown.length > 0 && !request.attempt.last) throw new ProductNotKnownYetError(unknown);
  if (!canReserve(available, lines)) {
    await addToOutbox(tx, [rejected(orderId, cause)]);
    return 'rejected';
  }
  const levels = await moveStock(
    tx,
    lines.map((l) => ({
      productId: l.productId,
      availableDelta: -l.quantity,
      reservedDelta: l.quantity,
    })),
  );
  await setReservation(tx, orderId, 'RESERVED', lines);
  await addToOutbox(tx, [
    inventoryEvent('inventory.reserved', { orderId, items: lines }, cause),
    ...levels.map((level) => stockChanged(level, cause)),
  ]);
  return 'reserved';
}

async function answerAgain(tx: Queryable, orderId: string, cause: Cause): Promise<Outcome> {
  const reservation = await lockReservation(tx, orderId);
  const reply = replyTo(reservation.status);
  await addToOutbox(tx, [
    reply === 'inventory.reserved'
      ? inventoryEvent(reply, { orderId, items: reservation.lines }, cause)
      : rejected(orderId, cause),
  ]);
  return isTombstone(reservation) ? 'rejected' : 'unchanged';
}

function rejected(orderId: string, cause: Cause) {
  return inventoryEvent('inventory.rejected', { orderId, reason: 'OUT_OF_STOCK' }, cause);
}

/**
 * Returns an order's reserved units to available (`inventory.released`). Before any reserve
 * it leaves a tombstone, so the late reserve is rejected.
 */
export async function releaseStock(tx: Queryable, orderId: string, cause: Cause): Promise<Outcome> {
  if (await leaveTombstone(tx, orderId)) {
    await addToOutbox(tx, [inventoryEvent('inventory.released', { orderId }, cause)]);
    return 'released';
  }
  const reservation = await lockReservation(tx, orderId);
  const action = releaseAction(reservation.status);
  if (action !== 'release') return action === 'none' ? 'unchanged' : action;
  const levels = await moveLines(tx, reservation.lines, (q) => ({ available: q, reserved: -q }));
  await setReservation(tx, orderId, 'RELEASED');
  await addToOutbox(tx, [
    inventoryEvent('inventory.released', { orderId }, cause),
    ...levels.map((level) => stockChanged(level, cause)),
  ]);
  return 'released';
}

/**
 * Turns an order's reserved units into sold ones (they leave `reserved`). A commit for an
 * unknown order leaves a tombstone like a release: nothing may be reserved for it later.
 * It announces no `inventory.stock_changed`: `available` does not move, and available is what
 * the catalog shows (the next announcement carries the level's newer version and `reserved`).
 */
export async function commitStock(tx: Queryable, orderId: string): Promise<Outcome> {
  if (await leaveTombstone(tx, orderId)) return 'out_of_order';
  const reservation = await lockReservation(tx, orderId);
  const action = commitAction(reservation.status);
  if (action !== 'commit') return action === 'none' ? 'unchanged' : action;
  await moveLines(tx, reservation.lines, (q) => ({ available: 0, reserved: -q }));
  await setReservation(tx, orderId, 'COMMITTED');
  return 'committed';
}

async function moveLines(
  tx: Queryable,
  lines: readonly StockLine[],
  delta: (quantity: number) => { available: number; reserved: number },
) {
  await lockStock(
    tx,
    lines.map((l) => l.productId),
  );
  return moveStock(
    tx,
    lines.map((l) => {
      const d = delta(l.quantity);
      return { productId: l.productId, availableDelta: d.available, reservedDelta: d.reserved };
    }),
  );
}
