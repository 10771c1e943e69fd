import { AppError, parseInput, requireAdmin, type Pool } from '@shop/common';
import { Router, type Request } from 'express';
import { productIdParam, restockInput, toView } from '../domain/stock';
import { getStock, restock } from '../use-cases/stock';

/** Admin reads and restocks; reservations only ever come through the saga's messages. */
export function inventoryRoutes(pool: Pool, afterCommit: () => void): Router {
  const router = Router();

  router.get('/api/inventory/:productId', async (req, res) => {
    requireAdmin(req);
    res.json(toView(await getStock(pool, productIdOf(req))));
  });

  router.post('/api/inventory/:productId/restock', async (req, res) => {
    requireAdmin(req);
    const productId = productIdOf(req);
    const { quantity } = parseInput(restockInput, req.body);
    const level = await restock(pool, productId, quantity);
    afterCommit();
    res.json(toView(level));
  });

  return router;
}

/** An id no product can have names no stock: 404, not a database error. */
function productIdOf(req: Request): string {
  const parsed = productIdParam.safeParse(req.params.productId);
  if (!parsed.success)
    throw AppError.notFound(`no stock for product ${String(req.params.productId)}`);
  return parsed.data;
}
