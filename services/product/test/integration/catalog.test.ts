import { fetchJson, waitFor } from '@shop/common/testing';
import { admin, customer, startProductService, type ProductHarness } from './harness';

let shop: ProductHarness;
beforeAll(async () => {
  shop = await startProductService();
});
afterAll(() => shop.close());

const lamp = {
  name: 'Brass reading lamp',
  description: 'A warm dimmable light for late-night novels',
  category: 'home',
  price: 4599,
  initialStock: 7,
};

async function search(query: string) {
  return (await fetchJson(shop.url, 'GET', `/api/products?${query}`)).body;
}

describe('POST /api/products', () => {
  test('an admin creates a product; it is found by id and by full-text search on name and description', async () => {
    const created = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: lamp,
    });
    expect(created.status).toBe(201);
    const { initialStock: _stock, ...fields } = lamp;
    expect(created.body).toMatchObject({ ...fields, currency: 'USD', stock: 7, inStock: true });
    const id = created.body.id as string;

    const byId = await waitFor(
      async () => {
        const res = await fetchJson(shop.url, 'GET', `/api/products/${id}`);
        return res.status === 200 && res.body;
      },
      { what: 'product in the read model' },
    );
    expect(byId).toMatchObject({ id, name: lamp.name, price: 4599, stock: 7 });

    expect((await search('q=lamp')).items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await search('q=novels')).items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await search('q=submarine')).items).toHaveLength(0);
  });

  test('a customer gets 403 and an anonymous caller 401, as problem+json', async () => {
    const asCustomer = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: customer,
      body: lamp,
    });
    expect(asCustomer.status).toBe(403);
    expect(asCustomer.type).toContain('application/problem+json');
    const anonymous = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: { 'content-type': 'application/json' },
      body: lamp,
    });
    expect(anonymous.status).toBe(401);
  });

  test.each([
    ['malformed JSON', '{"name": '],
    ['missing fields', { name: 'x' }],
    ['wrong types', { ...lamp, price: '12.50' }],
    ['a fractional price', { ...lamp, price: 12.5 }],
    ['a negative stock', { ...lamp, initialStock: -1 }],
    ['an unknown field', { ...lamp, discount: 5 }],
  ])('%s is a 400 problem+json', async (_what, body) => {
    const res = await fetchJson(shop.url, 'POST', '/api/products', { headers: admin, body });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  test('a NUL byte in a text field is a 400 problem+json, not a database error', async () => {
    const res = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: { ...lamp, description: 'bright\u0000light' },
    });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'description' })]);
  });

  test('a 2 MB body is a 413 problem+json', async () => {
    const body = JSON.stringify({ ...lamp, description: 'x'.repeat(2 * 1024 * 1024) });
    const res = await fetchJson(shop.url, 'POST', '/api/products', { headers: admin, body });
    expect(res.status).toBe(413);
    expect(res.type).toContain('application/problem+json');
  });
});

describe('PATCH /api/products/:id', () => {
  test('a price update reaches the read side', async () => {
    const { body: created } = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: { ...lamp, name: 'Desk lamp' },
    });
    const patched = await fetchJson(shop.url, 'PATCH', `/api/products/${created.id}`, {
      headers: admin,
      body: { price: 3999 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, price: 3999, name: 'Desk lamp' });
    await waitFor(
      async () =>
        (await fetchJson(shop.url, 'GET', `/api/products/${created.id}`)).body?.price === 3999,
      {
        what: 'new price in the read model',
      },
    );
  });

  test('an unknown or malformed id is a 404; an empty change is a 400', async () => {
    const unknown = await fetchJson(
      shop.url,
      'PATCH',
      '/api/products/4c2b5f04-52a4-4c43-8d1e-4a4c0b1f0000',
      { headers: admin, body: { price: 1 } },
    );
    expect(unknown.status).toBe(404);
    expect((await fetchJson(shop.url, 'GET', '/api/products/not-a-uuid')).status).toBe(404);
    const { body: created } = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: lamp,
    });
    expect(
      (
        await fetchJson(shop.url, 'PATCH', `/api/products/${created.id}`, {
          headers: admin,
          body: {},
        })
      ).status,
    ).toBe(400);
  });
});

describe('GET /api/products', () => {
  test('filters by category and paginates', async () => {
    for (const name of ['Red kite', 'Blue kite', 'Green kite']) {
      await fetchJson(shop.url, 'POST', '/api/products', {
        headers: admin,
        body: { ...lamp, name, category: 'kites' },
      });
    }
    const page = await waitFor(
      async () => {
        const body = await search('category=kites&pageSize=2&page=2');
        return body.total === 3 && body;
      },
      { what: 'three kites' },
    );
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].category).toBe('kites');
    expect((await search('category=kites&page=9')).total).toBe(3);
  });

  test('the total and the page agree while products are being created', async () => {
    const creating = (async () => {
      for (let n = 0; n < 12; n++) {
        await fetchJson(shop.url, 'POST', '/api/products', {
          headers: admin,
          body: { ...lamp, name: `Glider ${n}`, category: 'gliders' },
        });
      }
    })();
    const seen: Array<[number, number]> = [];
    let last = 0;
    while (last < 12) {
      const page = await search('category=gliders&pageSize=4&page=2');
      seen.push([page.total, page.items.length]);
      last = page.total;
    }
    await creating;
    // Page 2 holds products 5-8: a total of n lists min(4, max(0, n - 4)) of them.
    expect(seen.filter(([total, n]) => n !== Math.min(4, Math.max(0, total - 4)))).toEqual([]);
  });

  test('pageSize over 100 or below 1 and a bad page are 400s', async () => {
    for (const query of ['pageSize=101', 'pageSize=0', 'page=0', 'page=abc']) {
      const res = await fetchJson(shop.url, 'GET', `/api/products?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
  });

  test.each(['q=%00abc', 'category=%00', 'q=lamp%00'])(
    'a NUL byte in the query (%s) is a 400 problem+json, not a database error',
    async (query) => {
      const res = await fetchJson(shop.url, 'GET', `/api/products?${query}`);
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.body.errors.length).toBeGreaterThan(0);
    },
  );

  test('the read model lag is exported as a metric', async () => {
    const text = await (await fetch(`${shop.url}/metrics`)).text();
    expect(text).toMatch(/^product_view_lag_seconds\{service="product"\} \d/m);
  });
});
