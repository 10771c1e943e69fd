import type { Pool } from '@shop/common';
import type { HitCount, SharedHitCounter } from './leased-rate-limit-store';

const SCHEMA = `CREATE TABLE IF NOT EXISTS gateway_rate_limit (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
)`;

/** One statement: a window that has run out starts over at $3, else the count goes up by $3. */
const ADD = `INSERT INTO gateway_rate_limit AS r (key, hits, reset_at)
  VALUES ($1, $3, now() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.reset_at <= now() THEN EXCLUDED.hits ELSE r.hits + EXCLUDED.hits END,
    reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
  RETURNING hits, reset_at`;

/**
 * Hit counts in PostgreSQL, so every gateway replica spends one budget per client: a fixed
 * window per key, each change one atomic statement.
 */
export class PostgresHitCounter implements SharedHitCounter {
  private schema?: Promise<unknown>;

  constructor(private readonly pool: Pool) {}

  /** The table, made once; a failure (the database away) is tried again by the next call. */
  private ready(): Promise<unknown> {
    this.schema ??= this.pool.query(SCHEMA).catch((err: unknown) => {
      this.schema = undefined;
      throw err;
    });
    return this.schema;
  }

  async add(key: string, hits: number, windowMs: number): Promise<HitCount> {
    await this.ready();
    const { rows } = await this.pool.query<{ hits: number; reset_at: Date }>(ADD, [
      key,
      windowMs,
      hits,
    ]);
    return { total: rows[0]!.hits, resetTime: rows[0]!.reset_at };
  }

  async remove(key: string, hits: number): Promise<void> {
    await this.ready();
    await this.pool.query(
      'UPDATE gateway_rate_limit SET hits = greatest(hits - $2, 0) WHERE key = $1',
      [key, hits],
    );
  }

  async reset(key: string): Promise<void> {
    await this.ready();
    await this.pool.query('DELETE FROM gateway_rate_limit WHERE key = $1', [key]);
  }
}
