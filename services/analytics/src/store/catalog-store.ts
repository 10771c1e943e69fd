import type { Queryable } from '@shop/common';

/** Records a product's category; an older version never overwrites a newer one. */
export async function saveCategory(
  db: Queryable,
  product: { productId: string; category: string; version: number },
): Promise<void> {
  await db.query(
    `INSERT INTO product_categories (product_id, category, version) VALUES ($1, $2, $3)
     ON CONFLICT (product_id) DO UPDATE SET category = EXCLUDED.category, version = EXCLUDED.version
     WHERE EXCLUDED.version > product_categories.version`,
    [product.productId, product.category, product.version],
  );
}
