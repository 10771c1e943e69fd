import { createPool, withClient, type Pool, type PoolClient } from '../../src/db';
import { MAX_PREPARED_PER_CONNECTION } from '../../src/db/prepared';
import { createTestDatabase } from '../support';

/** The statements this session has prepared (the view is per session). */
async function preparedIn(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>(
    'SELECT statement FROM pg_prepared_statements ORDER BY prepare_time',
  );
  return rows.map((r) => r.statement);
}

describe('the kit pool prepares parameterized statements (PreparingClient)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('prepared');
    pool = createPool(database.url, 1);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('prepares a statement once per connection and binds new values each run', async () => {
    await withClient(pool, async (client) => {
      const text = 'SELECT $1::int + $2::int AS sum';
      const sums = [];
      for (const [a, b] of [
        [1, 2],
        [3, 4],
        [5, 6],
      ]) {
        sums.push((await client.query<{ sum: number }>(text, [a, b])).rows[0]!.sum);
      }
      expect(sums).toEqual([3, 7, 11]);
      expect((await preparedIn(client)).filter((s) => s === text)).toHaveLength(1);
    });
  });

  it('prepares through pool.query, query configs and callbacks alike, and leaves BEGIN alone', async () => {
    const viaPool = await pool.query<{ n: string }>('SELECT $1::text AS n', ['pool']);
    const viaConfig = await pool.query<{ n: string }>({
      text: 'SELECT $1::text || $2 AS n',
      values: ['a', 'b'],
    });
    const viaCallback = await new Promise<string>((resolve, reject) =>
      pool.query<{ n: string }>('SELECT $1::text AS n, 1 AS one', ['cb'], (err, res) =>
        err ? reject(err) : resolve(res.rows[0]!.n),
      ),
    );
    expect([viaPool.rows[0]!.n, viaConfig.rows[0]!.n, viaCallback]).toEqual(['pool', 'ab', 'cb']);
    await withClient(pool, async (client) => {
      await client.query('BEGIN');
      await client.query('COMMIT');
      expect(await preparedIn(client)).toEqual(
        expect.arrayContaining([
          'SELECT $1::text AS n',
          'SELECT $1::text || $2 AS n',
          'SELECT $1::text AS n, 1 AS one',
        ]),
      );
      expect(await preparedIn(client)).not.toContain('BEGIN');
    });
  });

  it('stops preparing new statements at its cap and still answers them', async () => {
    await withClient(pool, async (client) => {
      const before = (await preparedIn(client)).length;
      const extra = MAX_PREPARED_PER_CONNECTION - before + 5;
      for (let i = 0; i < extra; i++) {
        const { rows } = await client.query<{ i: number }>(`SELECT $1::int AS i, ${i} AS k`, [i]);
        expect(rows[0]!.i).toBe(i);
      }
      expect(await preparedIn(client)).toHaveLength(MAX_PREPARED_PER_CONNECTION);
    });
  });

  it('reports a failing statement and prepares it again once it is valid', async () => {
    await withClient(pool, async (client) => {
      await expect(client.query('SELECT v FROM later WHERE v = $1', [1])).rejects.toThrow(/later/);
      await client.query('CREATE TEMP TABLE later (v int)');
      await client.query('INSERT INTO later VALUES ($1)', [7]);
      expect((await client.query('SELECT v FROM later WHERE v = $1', [7])).rows).toEqual([
        { v: 7 },
      ]);
    });
  });
});
