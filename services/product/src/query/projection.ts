import type { EventEnvelope, Queryable } from '@shop/common';

/** Events the read model is built from. */
export const PROJECTED_EVENTS = [
  'product.created',
  'product.updated',
  'inventory.stock_changed',
] as const;
export type ProjectedEvent = EventEnvelope<(typeof PROJECTED_EVENTS)[number]>;

/**
 * Applies one event to product_view / product_view_stock. Order-independent: product rows keep
 * the highest version, stock keeps the highest stock version, so late or repeated events are
 * harmless.
 */
export async function project(db: Queryable, event: ProjectedEvent): Promise<void> {
  switch (event.type) {
    case 'product.created':
    case 'product.updated':
      return upsertProduct(db, event as EventEnvelope<'product.created' | 'product.updated'>);
    case 'inventory.stock_changed':
      return upsertStock(db, event as EventEnvelope<'inventory.stock_changed'>);
  }
}

async function upsertProduct(
  db: Queryable,
  event: EventEnvelope<'product.created' | 'product.updated'>,
): Promise<void> {
  const d = event.data;
  const initialStock = 'initialStock' in d ? d.initialStock : null;
  await db.query(
    `INSERT INTO product_view (id, name, description, category, price, currency, initial_stock,
       version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, 0), $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET
       name = CASE WHEN EXCLUDED.version > product_view.version THEN EXCLUDED.name ELSE product_view.name END,
       description = CASE WHEN EXCLUDED.version > product_view.version THEN EXCLUDED.description ELSE product_view.description END,
       category = CASE WHEN EXCLUDED.version > product_view.version THEN EXCLUDED.category ELSE product_view.category END,
       price = CASE WHEN EXCLUDED.version > product_view.version THEN EXCLUDED.price ELSE product_view.price END,
       updated_at = GREATEST(EXCLUDED.updated_at, product_view.updated_at),
       initial_stock = COALESCE($7, product_view.initial_stock),
       version = GREATEST(EXCLUDED.version, product_view.version)`,
    [
      d.productId,
      d.name,
      d.description,
      d.category,
      d.price,
      d.currency,
      initialStock,
      d.version,
      d.createdAt,
      d.updatedAt,
    ],
  );
}

async function upsertStock(
  db: Queryable,
  event: EventEnvelope<'inventory.stock_changed'>,
): Promise<void> {
  const { productId, available, version } = event.data;
  await db.query(
    `INSERT INTO product_view_stock (product_id, available, version) VALUES ($1, $2, $3)
     ON CONFLICT (product_id) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version
     WHERE EXCLUDED.version > product_view_stock.version`,
    [productId, available, version],
  );
}
