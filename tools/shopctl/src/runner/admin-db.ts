import pg from 'pg';

/** Runs `work` on a client of the server's `postgres` database (the server at `postgresUrl`). */
export async function withAdminDb<T>(
  postgresUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: `${postgresUrl}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
