import { randomUUID } from 'node:crypto';
import { addToOutbox, AppError, createEvent, withTransaction, type Pool } from '@shop/common';
import type { CreateProductInput, UpdateProductInput } from '../domain/product';
import {
  insertProduct,
  updateProduct as updateRecord,
  type ProductRecord,
} from '../store/product-store';

const SOURCE = 'product';

/** Stores a product and its `product.created` event in one transaction. */
export async function createProduct(pool: Pool, input: CreateProductInput): Promise<ProductRecord> {
  return withTransaction(pool, async (tx) => {
    const record = await insertProduct(tx, randomUUID(), input);
    const { id, initialStock, ...fields } = record;
    await addToOutbox(tx, [
      createEvent(
        'product.created',
        { productId: id, ...fields, currency: 'USD', initialStock },
        { source: SOURCE, correlationId: id },
      ),
    ]);
    return record;
  });
}

/** Changes a product and records `product.updated` with the full new state and version. */
export async function updateProduct(
  pool: Pool,
  id: string,
  changes: UpdateProductInput,
): Promise<ProductRecord> {
  return withTransaction(pool, async (tx) => {
    const record = await updateRecord(tx, id, changes);
    if (!record) throw AppError.notFound(`product ${id} not found`);
    const { id: productId, initialStock: _initial, ...fields } = record;
    await addToOutbox(tx, [
      createEvent(
        'product.updated',
        { productId, ...fields, currency: 'USD' },
        { source: SOURCE, correlationId: productId },
      ),
    ]);
    return record;
  });
}
