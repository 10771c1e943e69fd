import { createStoreApp, type StoreAppDeps } from '@shop/common';
import type { Express } from 'express';
import { inventoryRoutes } from './routes/inventory';

export type InventoryAppDeps = StoreAppDeps;

export function createApp(deps: InventoryAppDeps): Express {
  const kick = () => deps.events.relay.kick();
  return createStoreApp(deps, (app) => app.use(inventoryRoutes(deps.pool, kick)));
}
