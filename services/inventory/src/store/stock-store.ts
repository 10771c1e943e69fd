import type { Queryable } from '@shop/common';
import { MAX_AVAILABLE, type StockLevel } from '../domain/stock';

const COLUMNS = 'product_id AS "productId", available, reserved, version';

/** A product's first level; undefined when the product already has stock. */
export async function insertStock(
  db: Queryable,
  productId: string,
  available: number,
): Promise<StockLevel | undefined> {
  const { rows } = await db.query<StockLevel>(
    `INSERT INTO stock (product_id, available, reserved, received, version) VALUES ($1, $2::int, 0, $2::int, 1)
     ON CONFLICT (product_id) DO NOTHING RETURNING ${COLUMNS}`,
    [productId, available],
  );
  return rows[0];
}

export async function findStock(db: Queryable, productId: string): Promise<StockLevel | undefined> {
  const { rows } = await db.query<StockLevel>(
    `SELECT ${COLUMNS} FROM stock WHERE product_id = $1`,
    [productId],
  );
  return rows[0];
}

/**
 * Locks the rows of `productIds` in product id order (the one lock order of this service)
 * and returns what each has available. Unknown products are absent from the map.
 */
export async function lockStock(
  db: Queryable,
  productIds: readonly string[],
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ productId: string; available: number }>(
    `SELECT product_id AS "productId", available FROM stock
     WHERE product_id = ANY($1::text[]) ORDER BY product_id FOR UPDATE`,
    [productIds],
  );
  return new Map(rows.map((r) => [r.productId, r.available]));
}

export interface StockMove {
  productId: string;
  availableDelta: number;
  reservedDelta: number;
}

/** Applies moves to rows the caller has locked; each changed row gets the next version. */
export async function moveStock(db: Queryable, moves: readonly StockMove[]): Promise<StockLevel[]> {
  const { rows } = await db.query<StockLevel>(
    `UPDATE stock s SET available = s.available + m.available_delta,
       reserved = s.reserved + m.reserved_delta, version = s.version + 1, updated_at = now()
     FROM unnest($1::text[], $2::int[], $3::int[]) AS m(product_id, available_delta, reserved_delta)
     WHERE s.product_id = m.product_id
     RETURNING s.product_id AS "productId", s.available, s.reserved, s.version`,
    [
      moves.map((m) => m.productId),
      moves.map((m) => m.availableDelta),
      moves.map((m) => m.reservedDelta),
    ],
  );
  return rows.sort((a, b) => (a.productId < b.productId ? -1 : 1));
}

/** Adds units to available within MAX_AVAILABLE; undefined when the product or room is missing. */
export async function addAvailable(
  db: Queryable,
  productId: string,
  quantity: number,
): Promise<StockLevel | undefined> {
  const { rows } = await db.query<StockLevel>(
    `UPDATE stock SET available = available + $2::int, received = received + $2::int,
       version = version + 1, updated_at = now()
     WHERE product_id = $1 AND available <= $3::int - $2::int RETURNING ${COLUMNS}`,
    [productId, quantity, MAX_AVAILABLE],
  );
  return rows[0];
}
