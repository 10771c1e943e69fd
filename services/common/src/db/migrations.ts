import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import type { Pool } from './pool';

/** The kit's own tables (outbox, processed events), applied before a service's migrations. */
export const KIT_MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'migrations');

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
