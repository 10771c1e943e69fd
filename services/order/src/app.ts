import {
  createServiceApp,
  type HealthState,
  type Logger,
  type Metrics,
  type ReadinessCheck,
} from '@shop/common';
import type { Express } from 'express';
import type { OrderStreamOptions } from './live/order-stream';
import { orderRoutes } from './routes/orders';
import type { PlaceOrderDeps } from './use-cases/place-order';

export interface OrderAppDeps {
  readonly orders: PlaceOrderDeps;
  readonly live: OrderStreamOptions;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
  readonly readiness: readonly ReadinessCheck[];
}

export function createApp(deps: OrderAppDeps): Express {
  const { log, metrics, health, readiness } = deps;
  return createServiceApp({ log, metrics, health, readiness }, (app) =>
    app.use(orderRoutes(deps.orders, deps.live)),
  );
}
