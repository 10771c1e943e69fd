import {
  createServiceApp,
  postgresReadiness,
  type EventBackbone,
  type HealthState,
  type Logger,
  type Metrics,
  type Pool,
} from '@shop/common';
import type { Express } from 'express';
import type { ProductCache } from './query/product-cache';
import { priceRoutes } from './routes/prices';
import { productRoutes } from './routes/products';

export interface ProductAppDeps {
  readonly pool: Pool;
  readonly cache: ProductCache;
  readonly events: EventBackbone;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
}

export function createApp(deps: ProductAppDeps): Express {
  const { pool, cache, events, log, metrics, health } = deps;
  return createServiceApp(
    { log, metrics, health, readiness: [postgresReadiness(pool), events.readiness()] },
    (app) =>
      app.use(
        productRoutes(pool, cache, () => events.relay.kick()),
        priceRoutes(pool),
      ),
  );
}
