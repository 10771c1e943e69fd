import {
  createServiceApp,
  postgresReadiness,
  type EventBackbone,
  type HealthState,
  type Logger,
  type Metrics,
  type Pool,
  type StreamReader,
} from '@shop/common';
import type { Express } from 'express';
import { analyticsRoutes } from './routes/analytics';

export interface AnalyticsAppDeps {
  readonly pool: Pool;
  readonly events: EventBackbone;
  /** The order feed, ready while it reads (a RabbitMQ stream queue or a Kafka topic). */
  readonly orders: StreamReader;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
}

export function createApp(deps: AnalyticsAppDeps): Express {
  const { pool, events, orders, log, metrics, health } = deps;
  const feed = { name: 'order stream', check: async () => orders.connected };
  return createServiceApp(
    { log, metrics, health, readiness: [postgresReadiness(pool), events.readiness(), feed] },
    (app) => app.use(analyticsRoutes(pool)),
  );
}
