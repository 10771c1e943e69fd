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
import { paymentRoutes } from './routes/payments';

export interface PaymentAppDeps {
  readonly pool: Pool;
  readonly events: EventBackbone;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
}

export function createApp({ pool, events, log, metrics, health }: PaymentAppDeps): Express {
  return createServiceApp(
    { log, metrics, health, readiness: [postgresReadiness(pool), events.readiness()] },
    (app) => app.use(paymentRoutes(pool)),
  );
}
