import {
  createServiceApp,
  type HealthState,
  type Logger,
  type Metrics,
  type Pool,
  type ReadinessCheck,
} from '@shop/common';
import type { Express } from 'express';
import { notificationRoutes } from './routes/notifications';

export interface NotificationAppDeps {
  readonly pool: Pool;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
  readonly readiness: readonly ReadinessCheck[];
}

export function createApp({ pool, log, metrics, health, readiness }: NotificationAppDeps): Express {
  return createServiceApp({ log, metrics, health, readiness }, (app) =>
    app.use(notificationRoutes(pool)),
  );
}
