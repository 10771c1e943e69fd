import { createServer, type RequestListener } from 'node:http';
import type { Registry } from 'prom-client';
import { createPool, ensureDatabase, KIT_MIGRATIONS_DIR, migrate, type Pool } from './db';
import { eventBackboneFrom, type EventBackbone, type EventConfig } from './events/backbone';
import { Lifecycle } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';

/**
 * Creates the service's database when missing, opens its pool (closed last on shutdown) and
 * applies the kit's and the service's migrations.
 */
export async function openPostgresStore(
  config: { DATABASE_URL: string; DATABASE_POOL_SIZE: number },
  deps: { log: Logger; lifecycle: Lifecycle; migrationsDir: string },
): Promise<Pool> {
  await ensureDatabase(config.DATABASE_URL);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  deps.lifecycle.onStop('postgres', () => pool.end());
  await migrate(pool, [KIT_MIGRATIONS_DIR, deps.migrationsDir], deps.log);
  return pool;
}

/**
 * Builds the event backbone from config, lets `subscribe` add the service's subscriptions,
 * starts it and registers its shutdown (consumers drain before the pool closes).
 */
export async function startEventBackbone(
  config: EventConfig,
  deps: { pool: Pool; log: Logger; registry: Registry; lifecycle: Lifecycle },
  subscribe: (events: EventBackbone) => void = () => undefined,
): Promise<EventBackbone> {
  const events = eventBackboneFrom(config, deps);
  deps.lifecycle.onStop('events', () => events.stop());
  subscribe(events);
  await events.start();
  return events;
}

/** What every PostgreSQL-backed service's main starts from. */
export interface StoreService {
  readonly log: Logger;
  readonly lifecycle: Lifecycle;
  readonly pool: Pool;
  readonly metrics: Metrics;
}

/**
 * The first steps of a PostgreSQL-backed service's main: its logger, the signal handling
 * Lifecycle, its store (created and migrated from `migrationsDir`) and its metrics registry.
 */
export async function startStoreService(
  name: string,
  config: {
    LOG_LEVEL: string;
    SHUTDOWN_TIMEOUT_MS: number;
    DATABASE_URL: string;
    DATABASE_POOL_SIZE: number;
  },
  migrationsDir: string,
): Promise<StoreService> {
  const log = createLogger(name, config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir });
  return { log, lifecycle, pool, metrics: createMetrics(name) };
}

/** Listens on `port` (drained on shutdown) and logs that the service is up. */
export async function serveHttp(
  service: Pick<StoreService, 'log' | 'lifecycle'>,
  app: RequestListener,
  port: number,
  fields: Record<string, unknown> = {},
): Promise<void> {
  await service.lifecycle.listen('http', createServer(app), port);
  service.log.info({ port, ...fields }, 'listening');
}
