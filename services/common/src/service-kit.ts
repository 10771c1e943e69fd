import type { Registry } from 'prom-client';
import { createPool, ensureDatabase, KIT_MIGRATIONS_DIR, migrate, type Pool } from './db';
import { eventBackboneFrom, type EventBackbone, type EventConfig } from './events/backbone';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';

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
