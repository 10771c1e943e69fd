import { createServer, type RequestListener } from 'node:http';
import type { Express } from 'express';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { loadConfig } from './config';
import { createPool, ensureDatabase, KIT_MIGRATIONS_DIR, migrate, type Pool } from './db';
import {
  eventBackboneFrom,
  outboxRelay,
  postgresReadiness,
  type EventBackbone,
  type EventConfig,
} from './events/backbone';
import type { HealthState } from './health';
import { createServiceApp } from './http-app';
import { Lifecycle, runMain } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { tracing } from './telemetry/tracing';

/** What a service's start function gets from the process that runs it (or from a test). */
export interface ServiceProcess {
  readonly log: Logger;
  /** Everything started registers its stop here; SIGTERM stops them in reverse order. */
  readonly lifecycle: Lifecycle;
}

/**
 * A service's `main.ts` when run as a program: reads its config from the environment (failing
 * fast naming the bad variable), builds its logger and the signal-handling Lifecycle, and calls
 * `start`, the service's wiring (which tests call with their own logger and lifecycle).
 */
export function runService<S extends z.ZodType<{ LOG_LEVEL: string; SHUTDOWN_TIMEOUT_MS: number }>>(
  name: string,
  schema: S,
  start: (config: z.infer<S>, process: ServiceProcess) => Promise<unknown>,
): void {
  runMain(async () => {
    const config = loadConfig(schema, process.env);
    const log = createLogger(name, config.LOG_LEVEL);
    const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
    lifecycle.handleSignals();
    // Registered first, so it runs last: the spans of the shutdown itself are exported too.
    lifecycle.onStop('telemetry', () => tracing().shutdown());
    await start(config, { log, lifecycle });
  });
}

/**
 * Creates the service's database when missing, opens its pool (closed last on shutdown) and
 * applies the kit's and the service's migrations.
 */
export async function openPostgresStore(
  config: { DATABASE_URL: string; DATABASE_POOL_SIZE: number },
  deps: ServiceProcess & { migrationsDir: string },
): Promise<Pool> {
  await ensureDatabase(config.DATABASE_URL);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  deps.lifecycle.onStop('postgres', () => pool.end());
  await migrate(pool, [KIT_MIGRATIONS_DIR, deps.migrationsDir], deps.log);
  return pool;
}

/**
 * Builds the event backbone of a PostgreSQL service (its outbox relay) from config, lets
 * `subscribe` add the service's subscriptions, starts it and registers its shutdown (consumers
 * drain before the pool closes).
 */
async function startEventBackbone(
  config: EventConfig,
  deps: ServiceProcess & { pool: Pool; registry: Registry },
  subscribe: (events: EventBackbone) => void = () => undefined,
): Promise<EventBackbone> {
  const { pool, log, registry, lifecycle } = deps;
  const relay = outboxRelay({ pool, log, registry });
  const events = eventBackboneFrom(config, { log, relay, registry });
  lifecycle.onStop('events', () => events.stop());
  subscribe(events);
  await events.start();
  return events;
}

/** What a service with a PostgreSQL store reads from its config to open its store, events and HTTP. */
export type StoreServiceConfig = EventConfig & {
  readonly DATABASE_URL: string;
  readonly DATABASE_POOL_SIZE: number;
  readonly PORT: number;
};

/** What every service with a PostgreSQL store opens first; then it subscribes and serves. */
export interface StoreService extends ServiceProcess {
  readonly pool: Pool;
  readonly metrics: Metrics;
  /** `metrics.registry`: where the service's own metrics go too. */
  readonly registry: Registry;
  readonly health: HealthState;
  /** `startEventBackbone` on this store: the outbox relay, then the service's subscriptions. */
  startEvents(subscribe?: (events: EventBackbone) => void): Promise<EventBackbone>;
  /** `serveHttp` on `config.PORT`; `fields` go into the "listening" line. */
  serve(app: RequestListener, fields?: Record<string, unknown>): Promise<number>;
}

/**
 * The common start of a store service's wiring: its database (created and migrated), its
 * metrics registry, and the two steps that come after its own pieces are built: start the
 * events with its subscriptions, serve its app.
 */
export async function openStoreService(
  config: StoreServiceConfig,
  service: ServiceProcess,
  options: { readonly name: string; readonly migrationsDir: string },
): Promise<StoreService> {
  const pool = await openPostgresStore(config, {
    ...service,
    migrationsDir: options.migrationsDir,
  });
  const metrics = createMetrics(options.name);
  const registry = metrics.registry;
  return {
    ...service,
    pool,
    metrics,
    registry,
    health: service.lifecycle.health,
    startEvents: (subscribe) =>
      startEventBackbone(config, { ...service, pool, registry }, subscribe),
    serve: (app, fields) => serveHttp(service, app, config.PORT, fields),
  };
}

/** Listens on `port` (drained on shutdown), logs that the service is up and returns the port. */
export async function serveHttp(
  service: ServiceProcess,
  app: RequestListener,
  port: number,
  fields: Record<string, unknown> = {},
): Promise<number> {
  const listening = await service.lifecycle.listen('http', createServer(app), port);
  service.log.info({ port: listening, ...fields }, 'listening');
  return listening;
}

/** What the app of a service with a PostgreSQL store and the event backbone is built from. */
export interface StoreAppDeps {
  readonly pool: Pool;
  readonly events: EventBackbone;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
}

/** `createServiceApp` for a store service: ready while its database and its broker are. */
export function createStoreApp(deps: StoreAppDeps, mount: (app: Express) => void): Express {
  const { pool, events, log, metrics, health } = deps;
  const readiness = [postgresReadiness(pool), events.readiness()];
  return createServiceApp({ log, metrics, health, readiness }, mount);
}
