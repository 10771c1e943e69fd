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
import { analyticsRoutes } from './routes/analytics';

export interface AnalyticsAppDeps {
  readonly pool: Pool;
  readonly events: EventBackbone;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
}

export function createApp({ pool, events, log, metrics, health }: AnalyticsAppDeps): Express {
  return createServiceApp(
    { log, metrics, health, readiness: [postgresReadiness(pool), events.readiness()] },
    (app) => app.use(analyticsRoutes(pool)),
  );
}
