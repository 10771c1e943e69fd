import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from './logger';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that runs a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

export function createPool(url: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/** Creates the database named in `url` when it does not exist (local runs and tests). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((err: unknown) => {
        // Another process created it between the check and the create.
        if ((err as { code?: string }).code !== '42P04') throw err;
      });
    }
  } finally {
    await client.end();
  }
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

export async function withTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  return withClient(pool, async (client) => {
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/** The kit's own tables (outbox, processed events), applied before a service's migrations. */
export const KIT_MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

/**
 * Applies `NNN_name.sql` files from each of `dirs` (in the order given; files sorted by name),
 * each once, in its own transaction, under an advisory lock so concurrent replicas do not race.
 * File names are the versions, so they must be unique across `dirs`.
 */
export async function migrate(
  pool: Pool,
  dirs: readonly string[],
  log?: Logger,
): Promise<string[]> {
  const files: Array<{ dir: string; file: string }> = [];
  for (const dir of dirs) {
    const names = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
    files.push(...names.map((file) => ({ dir, file })));
  }
  const applied: string[] = [];
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['shop.migrations']);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
    const seen = new Set(done.rows.map((r) => r.version));
    for (const { dir, file } of files.filter((f) => !seen.has(f.file))) {
      const sql = await readFile(path.join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file);
      log?.info({ migration: file }, 'migration applied');
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['shop.migrations']);
    client.release();
  }
  return applied;
}
