import http from 'node:http';
import { Pool } from 'pg';

/**
 * The single-process baseline of `make bench`: the same order placement as the saga (price
 * lookup, reserve, charge, confirm) in one PostgreSQL transaction behind node:http, so the price
 * of distribution is a ratio. Run as its own process: DATABASE_URL, POOL_SIZE; prints its port.
 */
export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS products (id int PRIMARY KEY, price_cents int NOT NULL,
    available int NOT NULL CHECK (available >= 0), reserved int NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS orders (id bigserial PRIMARY KEY, customer text NOT NULL,
    product_id int NOT NULL, quantity int NOT NULL, total_cents int NOT NULL,
    status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE IF NOT EXISTS payments (order_id bigint PRIMARY KEY REFERENCES orders,
    amount_cents int NOT NULL, token text NOT NULL, status text NOT NULL);`;

interface OrderInput {
  customer: string;
  productId: number;
  quantity: number;
  token: string;
}

async function placeOrder(pool: Pool, input: OrderInput): Promise<{ id: string; status: string }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const price = await client.query('SELECT price_cents FROM products WHERE id = $1', [
      input.productId,
    ]);
    const total = Number(price.rows[0]?.price_cents) * input.quantity;
    const reserved = await client.query(
      'UPDATE products SET available = available - $2 WHERE id = $1 AND available >= $2',
      [input.productId, input.quantity],
    );
    const status =
      reserved.rowCount === 1 && input.token === 'tok_visa' ? 'CONFIRMED' : 'CANCELLED';
    const order = await client.query(
      'INSERT INTO orders (customer, product_id, quantity, total_cents, status) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [input.customer, input.productId, input.quantity, total || 0, status],
    );
    const id = String(order.rows[0].id);
    if (status === 'CONFIRMED')
      await client.query('INSERT INTO payments VALUES ($1, $2, $3, $4)', [
        id,
        total,
        input.token,
        'CAPTURED',
      ]);
    await client.query('COMMIT');
    return { id, status };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

function serve(pool: Pool): http.Server {
  return http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const reply = (status: number, body: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/orders') {
        return reply(404, { title: 'Not Found', status: 404 }, 'application/problem+json');
      }
      placeOrder(pool, JSON.parse(raw) as OrderInput).then(
        (order) => reply(201, order),
        (err: unknown) =>
          reply(
            500,
            { title: 'Internal', status: 500, detail: String(err) },
            'application/problem+json',
          ),
      );
    });
  });
}

if (require.main === module) {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.POOL_SIZE ?? 10),
  });
  const server = serve(pool).listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
  });
  process.on('SIGTERM', () => server.close(() => void pool.end()));
}
