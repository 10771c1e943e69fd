import type { EventData, EventEnvelope, Queryable } from '@shop/common';
import {
  orderChange,
  type OrderChange,
  type OrderEventType,
  type OrderStatus,
} from '../domain/order-outcome';

export type OrderEvent = EventEnvelope<OrderEventType> & { data: EventData<OrderEventType> };
type Item = EventData<'order.confirmed'>['items'][number];

/** `GET /api/analytics/summary` (DESIGN.md). */
export interface Summary {
  readonly orders: {
    readonly total: number;
    readonly confirmed: number;
    readonly cancelled: number;
  };
  /** Sum of confirmed order totals, in cents. */
  readonly revenue: number;
  /** Best sellers by confirmed quantity, at most ten. */
  readonly topProducts: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>;
}

const TOP_PRODUCTS = 10;

/** Applies one order event to the aggregates (inside the caller's transaction). */
export async function applyOrderEvent(
  tx: Queryable,
  event: OrderEvent,
): Promise<OrderChange | undefined> {
  const { orderId, userId, total, items } = event.data;
  const found = await tx.query<{ status: OrderStatus }>(
    'SELECT status FROM order_facts WHERE order_id = $1 FOR UPDATE',
    [orderId],
  );
  const change = orderChange(found.rows[0]?.status, event.type);
  if (!change) return undefined;
  await tx.query(
    `INSERT INTO order_facts (order_id, user_id, status, total) VALUES ($1, $2, $3, $4)
     ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, total = EXCLUDED.total`,
    [orderId, userId, change.status, total],
  );
  const confirmed = change.outcome === 'CONFIRMED';
  await tx.query(
    `UPDATE order_totals SET orders = orders + $1, confirmed = confirmed + $2,
       cancelled = cancelled + $3, revenue = revenue + $4`,
    [
      change.newOrder ? 1 : 0,
      confirmed ? 1 : 0,
      change.outcome === 'CANCELLED' ? 1 : 0,
      confirmed ? total : 0,
    ],
  );
  if (confirmed) await addSales(tx, userId, items);
  return change;
}

async function addSales(tx: Queryable, userId: string, items: readonly Item[]): Promise<void> {
  const ids = items.map((i) => i.productId);
  const quantities = items.map((i) => i.quantity);
  await tx.query(
    `INSERT INTO product_sales (product_id, quantity)
     SELECT product_id, sum(quantity) FROM unnest($1::text[], $2::bigint[]) AS l(product_id, quantity)
     GROUP BY product_id
     ON CONFLICT (product_id) DO UPDATE SET quantity = product_sales.quantity + EXCLUDED.quantity`,
    [ids, quantities],
  );
  await tx.query(
    `INSERT INTO user_purchases (user_id, product_id, quantity)
     SELECT $1, product_id, sum(quantity) FROM unnest($2::text[], $3::bigint[]) AS l(product_id, quantity)
     GROUP BY product_id
     ON CONFLICT (user_id, product_id) DO UPDATE
       SET quantity = user_purchases.quantity + EXCLUDED.quantity`,
    [userId, ids, quantities],
  );
}

export async function readSummary(db: Queryable): Promise<Summary> {
  const totals = await db.query<Record<'orders' | 'confirmed' | 'cancelled' | 'revenue', string>>(
    'SELECT orders, confirmed, cancelled, revenue FROM order_totals',
  );
  const top = await db.query<{ product_id: string; quantity: string }>(
    'SELECT product_id, quantity FROM product_sales ORDER BY quantity DESC, product_id LIMIT $1',
    [TOP_PRODUCTS],
  );
  const row = totals.rows[0]!;
  return {
    orders: {
      total: Number(row.orders),
      confirmed: Number(row.confirmed),
      cancelled: Number(row.cancelled),
    },
    revenue: Number(row.revenue),
    topProducts: top.rows.map((r) => ({ productId: r.product_id, quantity: Number(r.quantity) })),
  };
}

/** Empties every aggregate built from the order stream (the product categories stay). */
export async function clearAggregates(tx: Queryable): Promise<void> {
  await tx.query('TRUNCATE order_facts, product_sales, user_purchases');
  await tx.query('UPDATE order_totals SET orders = 0, confirmed = 0, cancelled = 0, revenue = 0');
}
