import { setTimeout as delay } from 'node:timers/promises';
import type { Pool } from '../../src/db';

/**
 * Watches the database behind `pool` for `ms` and returns the most connections seen
 * `idle in transaction` at once: a transaction held open while its owner waits on the network.
 */
export async function maxIdleInTransaction(pool: Pool, ms: number): Promise<number> {
  let most = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    most = Math.max(most, rows[0]!.n);
    await delay(25);
  }
  return most;
}
