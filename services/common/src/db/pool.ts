import pg from 'pg';
import { PreparingClient } from './prepared';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that runs a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/**
 * A pool whose connects give up after 5 s and whose connections prepare each parameterized
 * statement once (PreparingClient); `queryTimeoutMs` also bounds each query, for a caller that
 * must answer quickly whatever the database does.
 */
export function createPool(url: string, max = 10, queryTimeoutMs?: number): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    Client: PreparingClient,
    max,
    connectionTimeoutMillis: queryTimeoutMs ?? 5000,
    ...(queryTimeoutMs && { query_timeout: queryTimeoutMs }),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `use` with a client checked out of the pool. A connection lost meanwhile rejects the
 * query in flight and is also emitted as an 'error' event, which would crash the process
 * without a listener: it is caught here and the broken client is discarded, not pooled.
 */
export async function withClient<T>(
  pool: Pool,
  use: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  try {
    return await use(client);
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}
