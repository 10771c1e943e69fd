import { fetchJson, waitFor } from '@shop/common/testing';
import { admin, startProductService, type ProductHarness } from './harness';

let shop: ProductHarness;
beforeAll(async () => {
  shop = await startProductService();
});
afterAll(() => shop.close());

const teapot = {
  name: 'Cast iron teapot',
  description: 'Keeps the tea warm',
  category: 'kitchen',
  price: 3900,
  initialStock: 5,
};

const prices = (body: unknown) =>
  fetchJson(shop.url, 'POST', '/internal/products/prices', {
    headers: { 'content-type': 'application/json' },
    body,
  });
const readSide = async (id: string) =>
  (await fetchJson(shop.url, 'GET', `/api/products/${id}`)).body as { price?: number };

describe('POST /internal/products/prices (the order service prices orders here)', () => {
  test('answers from the write side: a new product and a new price at once, while the read model lags', async () => {
    await shop.brokerLink.cut(); // no event reaches the read model while it is cut
    try {
      const created = await fetchJson(shop.url, 'POST', '/api/products', {
        headers: admin,
        body: teapot,
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await prices({ ids: [id] })).body).toEqual({
        items: [{ id, name: teapot.name, price: 3900, currency: 'USD' }],
      });

      const patched = await fetchJson(shop.url, 'PATCH', `/api/products/${id}`, {
        headers: admin,
        body: { price: 4200, name: 'Enamel teapot' },
      });
      expect(patched.status).toBe(200);
      expect((await prices({ ids: [id] })).body.items).toEqual([
        { id, name: 'Enamel teapot', price: 4200, currency: 'USD' },
      ]);
      expect((await fetchJson(shop.url, 'GET', `/api/products/${id}`)).status).toBe(404);
    } finally {
      await shop.brokerLink.restore();
    }
  });

  test('one call prices a batch; unknown and malformed ids are left out', async () => {
    const ids = await Promise.all(
      [100, 200, 300].map(async (price) => {
        const res = await fetchJson(shop.url, 'POST', '/api/products', {
          headers: admin,
          body: { ...teapot, price },
        });
        return res.body.id as string;
      }),
    );
    const unknown = '00000000-0000-4000-8000-000000000000';

    const res = await prices({ ids: [...ids, unknown, 'not-a-uuid'] });

    expect(res.status).toBe(200);
    const byId = new Map(
      (res.body.items as Array<{ id: string; price: number }>).map((p) => [p.id, p.price]),
    );
    expect(Object.fromEntries(byId)).toEqual({ [ids[0]!]: 100, [ids[1]!]: 200, [ids[2]!]: 300 });
    await waitFor(async () => (await readSide(ids[2]!)).price === 300, {
      what: 'the read model to catch up after the broker came back',
    });
  });

  test.each([
    ['no ids', { ids: [] }],
    ['101 ids', { ids: Array.from({ length: 101 }, (_, i) => `id-${i}`) }],
    ['an empty id', { ids: [''] }],
    ['an unknown field', { ids: ['a'], all: true }],
    ['a JSON array', ['a']],
  ])('answers 400 problem+json for %s', async (_what, body) => {
    const res = await prices(body);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
  });
});
