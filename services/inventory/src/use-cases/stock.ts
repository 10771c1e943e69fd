import { addToOutbox, AppError, withTransaction, type Pool, type Queryable } from '@shop/common';
import type { Outcome } from '../domain/reservation';
import type { StockLevel } from '../domain/stock';
import { stockChanged, type Cause } from '../events/outgoing';
import { addAvailable, findStock, insertStock } from '../store/stock-store';

/** A new product's first stock level (from `product.created`); repeats change nothing. */
export async function createStock(
  tx: Queryable,
  productId: string,
  initialStock: number,
  cause: Cause,
): Promise<Outcome> {
  const level = await insertStock(tx, productId, initialStock);
  if (!level) return 'unchanged';
  await addToOutbox(tx, [stockChanged(level, cause)]);
  return 'stocked';
}

export async function getStock(pool: Pool, productId: string): Promise<StockLevel> {
  const level = await findStock(pool, productId);
  if (!level) throw AppError.notFound(`no stock for product ${productId}`);
  return level;
}

/** Adds units to a product's available stock and announces the new level. */
export async function restock(
  pool: Pool,
  productId: string,
  quantity: number,
): Promise<StockLevel> {
  return withTransaction(pool, async (tx) => {
    const level = await addAvailable(tx, productId, quantity);
    if (!level) {
      if (!(await findStock(tx, productId))) {
        throw AppError.notFound(`no stock for product ${productId}`);
      }
      throw AppError.conflict('stock_limit', 'restock would exceed the stock limit of the product');
    }
    await addToOutbox(tx, [stockChanged(level, { correlationId: productId })]);
    return level;
  });
}
