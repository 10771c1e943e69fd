import type { Queryable } from '@shop/common';
import type { ReservationFact, StockFact, StockLine } from './model';

/** Stock levels and reservations, from the inventory service's tables (`stock`, `reservations`). */
export async function readInventory(
  db: Queryable,
  madeAvailable: ReadonlyMap<string, number> = new Map(),
): Promise<{ stock: StockFact[]; reservations: ReservationFact[] }> {
  const stock = await db.query<{ productId: string; available: number; reserved: number }>(
    'SELECT product_id AS "productId", available, reserved FROM stock',
  );
  const reservations = await db.query<{
    orderId: string;
    state: ReservationFact['state'];
    items: StockLine[];
  }>('SELECT order_id AS "orderId", status AS state, lines AS items FROM reservations');
  return {
    stock: stock.rows.map((s) => ({ ...s, madeAvailable: madeAvailable.get(s.productId) })),
    reservations: reservations.rows,
  };
}
