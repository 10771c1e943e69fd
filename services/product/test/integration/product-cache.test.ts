import { fetchJson, waitFor } from '@shop/common/testing';
import type { Product } from '../../src/domain/product';
import { ProductCache } from '../../src/query/product-cache';
import { admin, startProductService, type ProductHarness } from './harness';

let shop: ProductHarness;
beforeAll(async () => {
  shop = await startProductService();
  await waitFor(() => shop.cache.listening, { what: 'the change feed' });
});
afterAll(() => shop.close());

const get = (id: string) => fetchJson(shop.url, 'GET', `/api/products/${id}`);

/** A product as the read model has it, already read once (so kept in memory). */
async function cachedProduct(price = 1200): Promise<string> {
  const body = {
    name: 'Cached mug',
    description: 'kept in memory',
    category: 'e2e',
    price,
    initialStock: 3,
  };
  const created = await fetchJson(shop.url, 'POST', '/api/products', { headers: admin, body });
  const id = created.body.id as string;
  // A read that raced the product's own notification is not kept: read until one is.
  await waitFor(async () => (await get(id)).status === 200 && shop.cache.has(id), {
    what: 'the product read and kept',
  });
  return id;
}

const priceIs = (id: string, price: number) =>
  waitFor(async () => (await get(id)).body.price === price, { what: `price ${price}` });

describe('product reads by id from memory', () => {
  test('the answer from memory is the same JSON as from the database', async () => {
    const id = await cachedProduct();
    const fromMemory = await get(id);

    expect(fromMemory.type).toBe('application/json; charset=utf-8');
    shop.cache.changed(id); // forget it: the next read goes to the database
    expect((await get(id)).body).toEqual(fromMemory.body);
  });

  test('a change any process commits to the read model reaches the next reads', async () => {
    const id = await cachedProduct(1200);

    // Another writer (another replica's projection, a manual fix): only the trigger tells us.
    await shop.pool.query('UPDATE product_view SET price = 1300 WHERE id = $1', [id]);
    await priceIs(id, 1300);
    await shop.pool.query(
      `INSERT INTO product_view_stock (product_id, available, version) VALUES ($1, 0, 99)
       ON CONFLICT (product_id) DO UPDATE SET available = 0, version = 99`,
      [id],
    );
    await waitFor(async () => (await get(id)).body.inStock === false, { what: 'out of stock' });
  });

  test('a rebuild (TRUNCATE) empties it', async () => {
    await cachedProduct();
    await shop.pool.query('BEGIN; TRUNCATE product_view_stock; ROLLBACK');
    expect(shop.cache.size).toBeGreaterThan(0); // rolled back: nothing was announced

    await shop.pool.query('TRUNCATE product_view_stock');
    await waitFor(() => shop.cache.size === 0, { what: 'the cache emptied' });
  });

  test('while its connection is lost nothing is kept, reads stay correct, and it comes back', async () => {
    const id = await cachedProduct(1500);
    await shop.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    await waitFor(() => !shop.cache.listening, { what: 'the feed lost' });
    expect(shop.cache.size).toBe(0);

    await shop.pool.query('UPDATE product_view SET price = 1600 WHERE id = $1', [id]);
    expect((await get(id)).body.price).toBe(1600);
    expect(shop.cache.size).toBe(0);
    await waitFor(() => shop.cache.listening, { what: 'the feed back', timeoutMs: 15_000 });
  });
});

describe('ProductCache', () => {
  const product = (price: number) =>
    ({
      id: 'p',
      name: 'n',
      description: 'd',
      category: 'c',
      price,
      currency: 'USD',
      stock: 1,
      inStock: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }) as Product;

  test('a read that started before a change of its product is answered but not kept', async () => {
    const cache = new ProductCache();
    cache.setListening(true);
    let finish: (p: Product) => void = () => {};
    const reading = cache.json('p', () => new Promise((resolve) => (finish = resolve)));
    cache.changed('p');
    finish(product(1));

    expect(JSON.parse((await reading)!).price).toBe(1);
    expect(cache.has('p')).toBe(false);
    await cache.json('p', async () => product(2));
    expect(cache.has('p')).toBe(true);
  });

  test('nothing is kept while not listening', async () => {
    const cache = new ProductCache();
    await cache.json('p', async () => product(1));

    expect(cache.has('p')).toBe(false);
  });
});
