import type { Pool } from '@shop/common';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';

const SCHEMA = `CREATE TABLE IF NOT EXISTS gateway_rate_limit (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
)`;

/** One statement: a window that has run out starts over at 1, else the count goes up by 1. */
const INCREMENT = `INSERT INTO gateway_rate_limit AS r (key, hits, reset_at)
  VALUES ($1, 1, now() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
    reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
  RETURNING hits, reset_at`;

/**
 * express-rate-limit's counters in PostgreSQL, so every gateway replica spends one budget per
 * client: a fixed window per key, counted by one atomic upsert per request.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix = 'rl:';
  private windowMs = 60_000;
  private schema?: Promise<unknown>;

  constructor(private readonly pool: Pool) {}

  /** The table, made once; a failure (the database away) is tried again by the next request. */
  private ready(): Promise<unknown> {
    this.schema ??= this.pool.query(SCHEMA).catch((err: unknown) => {
      this.schema = undefined;
      throw err;
    });
    return this.schema;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    await this.ready();
    const { rows } = await this.pool.query<{ hits: number; reset_at: Date }>(INCREMENT, [
      this.prefix + key,
      this.windowMs,
    ]);
    return { totalHits: rows[0]!.hits, resetTime: rows[0]!.reset_at };
  }

  async decrement(key: string): Promise<void> {
    await this.ready();
    await this.pool.query(
      'UPDATE gateway_rate_limit SET hits = greatest(hits - 1, 0) WHERE key = $1',
      [this.prefix + key],
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.ready();
    await this.pool.query('DELETE FROM gateway_rate_limit WHERE key = $1', [this.prefix + key]);
  }
}
