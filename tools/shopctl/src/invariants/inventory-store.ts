import type { Queryable } from '@shop/common';
import type { ReservationFact, StockFact, StockLine } from './model';

/** Stock levels and reservations, from the inventory service's tables (`stock`, `reservations`). */
export async function readInventory(
  db: Queryable,
): Promise<{ stock: StockFact[]; reservations: ReservationFact[] }> {
  // `received`: every unit ever made available (initial stock plus restocks).
  const stock = await db.query<{
    productId: string;
    available: number;
    reserved: number;
    received: string;
  }>('SELECT product_id AS "productId", available, reserved, received FROM stock');
  const reservations = await db.query<{
    orderId: string;
    state: ReservationFact['state'];
    items: StockLine[];
  }>('SELECT order_id AS "orderId", status AS state, lines AS items FROM reservations');
  return {
    stock: stock.rows.map(({ received, ...level }) => ({
      ...level,
      madeAvailable: Number(received),
    })),
    reservations: reservations.rows,
  };
}
