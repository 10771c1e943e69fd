import { createStoreApp, type StoreAppDeps } from '@shop/common';
import type { Express } from 'express';
import type { ProductCache } from './query/product-cache';
import { priceRoutes } from './routes/prices';
import { productRoutes } from './routes/products';

export interface ProductAppDeps extends StoreAppDeps {
  readonly cache: ProductCache;
}

export function createApp(deps: ProductAppDeps): Express {
  const { pool, cache, events } = deps;
  return createStoreApp(deps, (app) =>
    app.use(
      productRoutes(pool, cache, () => events.relay.kick()),
      priceRoutes(pool),
    ),
  );
}
