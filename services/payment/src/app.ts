import { createStoreApp, type StoreAppDeps } from '@shop/common';
import type { Express } from 'express';
import { paymentRoutes } from './routes/payments';

export type PaymentAppDeps = StoreAppDeps;

export function createApp(deps: PaymentAppDeps): Express {
  return createStoreApp(deps, (app) => app.use(paymentRoutes(deps.pool)));
}
