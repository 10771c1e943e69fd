import type { Queryable } from '@shop/common';
import type { Reservation, ReservationStatus, StockLine } from '../domain/reservation';

/**
 * Opens the order's reservation before any stock is moved: the row starts as REJECTED (nothing
 * reserved) and becomes RESERVED once the stock suffices. False when the order already has a
 * reservation (a repeated reserve, or a release or commit that came first).
 */
export function startReservation(db: Queryable, orderId: string): Promise<boolean> {
  return insertFirst(db, orderId, 'REJECTED');
}

/**
 * Marks an order without a reservation RELEASED with no lines, so that a reserve arriving
 * after its compensation is rejected. False when the order already has a reservation.
 */
export function leaveTombstone(db: Queryable, orderId: string): Promise<boolean> {
  return insertFirst(db, orderId, 'RELEASED');
}

/**
 * Inserts the order's reservation unless it has one. A concurrent insert for the same order
 * waits for this transaction and then finds the row, so exactly one transaction acts first.
 */
async function insertFirst(
  db: Queryable,
  orderId: string,
  status: ReservationStatus,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO reservations (order_id, status) VALUES ($1, $2)
     ON CONFLICT (order_id) DO NOTHING`,
    [orderId, status],
  );
  return rowCount === 1;
}

/** The order's reservation, locked until the transaction ends. */
export async function lockReservation(db: Queryable, orderId: string): Promise<Reservation> {
  const { rows } = await db.query<Reservation>(
    `SELECT order_id AS "orderId", status, lines FROM reservations
     WHERE order_id = $1 FOR UPDATE`,
    [orderId],
  );
  const reservation = rows[0];
  if (!reservation) throw new Error(`reservation ${orderId} vanished`);
  return reservation;
}

export async function setReservation(
  db: Queryable,
  orderId: string,
  status: ReservationStatus,
  lines?: readonly StockLine[],
): Promise<void> {
  await db.query(
    `UPDATE reservations SET status = $2, lines = COALESCE($3::jsonb, lines), updated_at = now()
     WHERE order_id = $1`,
    [orderId, status, lines ? JSON.stringify(lines) : null],
  );
}
