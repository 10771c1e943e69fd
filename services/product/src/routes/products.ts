import { AppError, parseInput, requireAdmin, type Pool } from '@shop/common';
import { Router, type Request } from 'express';
import { createProduct, updateProduct } from '../use-cases/products';
import type { ProductRecord } from '../store/product-store';
import {
  createProductInput,
  productId,
  searchQuery,
  updateProductInput,
  type Product,
} from '../domain/product';
import type { ProductCache } from '../query/product-cache';
import { findProduct, searchProducts } from '../query/product-view-store';

/**
 * Public reads come from the read model (a read by id from `cache` when it has it); admin
 * writes go to the command side.
 */
export function productRoutes(pool: Pool, cache: ProductCache, afterCommit: () => void): Router {
  const router = Router();

  router.get('/api/products', async (req, res) => {
    res.json(await searchProducts(pool, parseInput(searchQuery, req.query, 'query')));
  });

  router.get('/api/products/:id', async (req, res) => {
    const id = idParam(req);
    const json = await cache.json(id, () => findProduct(pool, id));
    if (json === undefined) throw AppError.notFound(`product ${req.params.id} not found`);
    res.type('application/json').send(json);
  });

  router.post('/api/products', async (req, res) => {
    requireAdmin(req);
    const record = await createProduct(pool, parseInput(createProductInput, req.body));
    afterCommit();
    res
      .status(201)
      .location(`/api/products/${record.id}`)
      .json(toProduct(record, record.initialStock));
  });

  router.patch('/api/products/:id', async (req, res) => {
    requireAdmin(req);
    const id = idParam(req);
    const record = await updateProduct(pool, id, parseInput(updateProductInput, req.body));
    afterCommit();
    const stock = (await findProduct(pool, id))?.stock ?? record.initialStock;
    res.json(toProduct(record, stock));
  });

  return router;
}

/** A malformed id cannot name a product: 404, not a database error. */
function idParam(req: Request): string {
  const parsed = productId.safeParse(req.params.id);
  if (!parsed.success) throw AppError.notFound(`product ${String(req.params.id)} not found`);
  return parsed.data;
}

function toProduct(record: ProductRecord, stock: number): Product {
  const { initialStock: _initial, version: _version, ...fields } = record;
  return { ...fields, currency: 'USD', stock, inStock: stock > 0 };
}
