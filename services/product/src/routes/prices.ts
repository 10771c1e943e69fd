import { parseInput, type Pool } from '@shop/common';
import { Router } from 'express';
import { findPrices } from '../store/product-store';
import { priceLookupInput, productId } from '../domain/product';

/** Where the order service prices an order (not routed by the gateway: internal to the mesh). */
export const PRICES_PATH = '/internal/products/prices';

/**
 * Authoritative prices for a batch of products, from the write side: a product is priced from
 * the moment its POST answered 201, and a price change applies from its PATCH on, while the
 * read model may lag behind. Ids that name no product are left out of the answer.
 */
export function priceRoutes(pool: Pool): Router {
  const router = Router();
  router.post(PRICES_PATH, async (req, res) => {
    const { ids } = parseInput(priceLookupInput, req.body);
    const known = ids.filter((id) => productId.safeParse(id).success);
    const items = known.length > 0 ? await findPrices(pool, known) : [];
    res.json({ items: items.map((p) => ({ ...p, currency: 'USD' })) });
  });
  return router;
}
