import { withAdminDb } from '../runner/admin-db';

/**
 * The pids of the PostgreSQL backends connected to databases whose names start with `prefix`
 * (one stack's databases), from `pg_stat_activity`: what that stack costs the shared server.
 */
export function backendsOf(postgresUrl: string, prefix: string): () => Promise<number[]> {
  return () =>
    withAdminDb(postgresUrl, async (client) => {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE left(datname, length($1)) = $1',
        [prefix],
      );
      return rows.map((r) => r.pid);
    });
}
