import type { Queryable } from '@shop/common';
import type { OrderFact } from './model';

/** Orders from the order service's PostgreSQL adapter (`orders`: columns plus the document). */
export async function readOrders(db: Queryable): Promise<OrderFact[]> {
  const { rows } = await db.query<OrderFact & { total: string }>(
    `SELECT id, status, total, document->'order'->'items' AS items,
       document->'order'->>'failureReason' AS "failureReason"
     FROM orders`,
  );
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}
