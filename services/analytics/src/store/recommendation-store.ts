import type { Queryable } from '@shop/common';
import type { Recommendation } from '../domain/recommendation';

/**
 * Best sellers for `userId`: first those in the categories the user bought from, then the
 * overall best sellers, never a product the user already bought. Without a user, the overall
 * best sellers.
 */
export async function recommendProducts(
  db: Queryable,
  userId: string | undefined,
  limit: number,
): Promise<Recommendation[]> {
  const { rows } = await db.query<{ product_id: string; quantity: string; same_category: boolean }>(
    `WITH bought AS (SELECT product_id FROM user_purchases WHERE user_id = $1),
          liked AS (SELECT DISTINCT c.category FROM bought JOIN product_categories c USING (product_id))
     SELECT s.product_id, s.quantity,
            COALESCE(c.category IN (SELECT category FROM liked), false) AS same_category
     FROM product_sales s LEFT JOIN product_categories c USING (product_id)
     WHERE s.product_id NOT IN (SELECT product_id FROM bought)
     ORDER BY same_category DESC, s.quantity DESC, s.product_id
     LIMIT $2`,
    [userId ?? null, limit],
  );
  return rows.map((r) => ({
    productId: r.product_id,
    quantity: Number(r.quantity),
    reason: r.same_category ? 'same_category' : 'best_seller',
  }));
}
