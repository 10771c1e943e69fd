import { randomUUID } from 'node:crypto';
import {
  admin,
  createWorld,
  customer,
  startCatalogStub,
  startOrder,
  type CatalogStub,
  type RunningOrder,
  type TestWorld,
} from './harness';
import { fetchJson } from '@shop/common/testing';
import { SagaPeer } from './saga-peer';

const kettle = { id: randomUUID(), name: 'Copper kettle', price: 2999 };
const mug = { id: randomUUID(), name: 'Mug', price: 450 };
const yacht = { id: randomUUID(), name: 'Yacht', price: 90_000_000 };
const valid = {
  items: [
    { productId: kettle.id, quantity: 2 },
    { productId: mug.id, quantity: 3 },
  ],
  payment: { token: 'tok_visa' },
};

let catalog: CatalogStub;
let world: TestWorld;
let peer: SagaPeer;
let shop: RunningOrder;
beforeAll(async () => {
  catalog = await startCatalogStub([kettle, mug, yacht]);
  world = await createWorld('postgres', catalog.url);
  peer = await SagaPeer.start(world.exchange);
  shop = await startOrder(world, { PRODUCT_TIMEOUT_MS: '300' });
});
afterAll(async () => {
  await shop.stop();
  await peer.close();
  await world.destroy();
  await catalog.close();
});

const post = (body: unknown, headers: Record<string, string> = customer()) =>
  fetchJson(shop.url, 'POST', '/api/orders', { headers, body });
const list = (userId: string, query = '') =>
  fetchJson(shop.url, 'GET', `/api/orders${query}`, { headers: customer(userId) });

/** A user of their own, so counts in one test never see another test's orders. */
const someone = () => customer(`c-${randomUUID()}`);

describe('POST /api/orders', () => {
  test('answers 202 with a PENDING order priced from the catalog', async () => {
    const res = await post(valid);

    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/orders/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.any(String),
      userId: 'c-1',
      status: 'PENDING',
      items: [
        { productId: kettle.id, name: 'Copper kettle', unitPrice: 2999, quantity: 2 },
        { productId: mug.id, name: 'Mug', unitPrice: 450, quantity: 3 },
      ],
      total: 2 * 2999 + 3 * 450,
      currency: 'USD',
      steps: [{ name: 'reserve_stock', status: 'requested', at: res.body.createdAt }],
      createdAt: expect.any(String),
      updatedAt: res.body.createdAt,
    });
    const created = await peer.next(res.body.id, 'order.created');
    expect(created.data.total).toBe(2 * 2999 + 3 * 450);
  });

  test('prices every line with one catalog call, a batch lookup by id', async () => {
    catalog.requests.length = 0;
    await post(valid);
    expect(catalog.requests).toEqual([
      { path: 'POST /internal/products/prices', ids: [kettle.id, mug.id] },
    ]);
  });

  test.each([
    ['an empty item list', { ...valid, items: [] }],
    ['quantity 0', { ...valid, items: [{ productId: kettle.id, quantity: 0 }] }],
    ['a fractional quantity', { ...valid, items: [{ productId: kettle.id, quantity: 0.5 }] }],
    ['101 lines', { ...valid, items: lines(101) }],
    ['the same product twice', { ...valid, items: [valid.items[0], valid.items[0]] }],
    ['no payment', { items: valid.items }],
    ['an unknown payment token', { ...valid, payment: { token: 'tok_amex' } }],
    ['a unit price from the client', { ...valid, items: [{ ...valid.items[0], unitPrice: 1 }] }],
    ['an unknown field', { ...valid, discount: 100 }],
    ['a JSON array', [valid]],
  ])('answers 400 problem+json for %s and stores nothing', async (_what, body) => {
    const caller = someone();
    const res = await post(body, caller);

    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors?.length).toBeGreaterThan(0);
    expect((await list(caller['x-user-id']!)).body.total).toBe(0);
  });

  test('answers 413 for 10,000 lines (over the body limit) and stores nothing', async () => {
    const caller = someone();
    const res = await post({ ...valid, items: lines(10_000) }, caller);

    expect(res.status).toBe(413);
    expect(res.type).toContain('application/problem+json');
    expect((await list(caller['x-user-id']!)).body.total).toBe(0);
  });

  test('answers 422 naming the unknown products and stores nothing', async () => {
    const caller = someone();
    const unknown = randomUUID();
    const res = await post(
      { ...valid, items: [valid.items[0], { productId: unknown, quantity: 1 }] },
      caller,
    );

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      type: 'https://shop.local/problems/unknown_product',
      errors: [{ field: 'items.1.productId', message: 'no such product' }],
    });
    expect((await list(caller['x-user-id']!)).body.total).toBe(0);
  });

  test('answers 422 when the total is over $1,000,000 and stores nothing', async () => {
    const caller = someone();
    const res = await post({ ...valid, items: [{ productId: yacht.id, quantity: 2 }] }, caller);

    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://shop.local/problems/order_total_too_large');
    expect((await list(caller['x-user-id']!)).body.total).toBe(0);
  });

  test('answers 503 when the catalog is down and stores nothing', async () => {
    const caller = someone();
    catalog.failing = true;
    const res = await post(valid, caller).finally(() => (catalog.failing = false));

    expect(res.status).toBe(503);
    expect(res.body.type).toBe('https://shop.local/problems/catalog_unavailable');
    expect((await list(caller['x-user-id']!)).body.total).toBe(0);
  });

  test('answers 503 when the catalog does not answer within PRODUCT_TIMEOUT_MS', async () => {
    const caller = someone();
    catalog.stalling = true;
    const started = Date.now();
    const res = await post(valid, caller).finally(() => (catalog.stalling = false));

    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await list(caller['x-user-id']!)).body.total).toBe(0);
  });

  test('answers 401 to an anonymous caller', async () => {
    const res = await post(valid, { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
  });
});

describe('Idempotency-Key', () => {
  test('the same key and body give the same order, once', async () => {
    const caller = { ...someone(), 'idempotency-key': 'checkout-1' };
    const first = await post(valid, caller);
    catalog.failing = true;
    const second = await post(
      { payment: valid.payment, items: [...valid.items].reverse() },
      caller,
    ).finally(() => (catalog.failing = false));

    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect((await list((caller as Record<string, string>)['x-user-id']!)).body.total).toBe(1);
    await peer.next(first.body.id, 'order.created');
    expect(peer.typesFor(first.body.id).filter((t) => t === 'order.created')).toHaveLength(1);
  });

  test('the same key with another body answers 422', async () => {
    const caller = { ...someone(), 'idempotency-key': 'checkout-2' };
    await post(valid, caller);
    const res = await post({ ...valid, payment: { token: 'tok_chargeDeclined' } }, caller);

    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://shop.local/problems/idempotency_key_reused');
    expect((await list((caller as Record<string, string>)['x-user-id']!)).body.total).toBe(1);
  });

  test('keys belong to their user', async () => {
    const key = { 'idempotency-key': 'shared-key' };
    const a = await post(valid, { ...someone(), ...key });
    const b = await post(valid, { ...someone(), ...key });
    expect(b.status).toBe(202);
    expect(b.body.id).not.toBe(a.body.id);
  });

  test('concurrent requests with one key make one order', async () => {
    const caller = { ...someone(), 'idempotency-key': 'double-click' };
    const results = await Promise.all([1, 2, 3, 4].map(() => post(valid, caller)));
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
  });

  test('a key longer than 200 characters answers 400', async () => {
    const res = await post(valid, { ...someone(), 'idempotency-key': 'k'.repeat(201) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});

describe('GET /api/orders/:id', () => {
  test("shows the caller's order, 404 to another customer, and admins see all", async () => {
    const { body: order } = await post(valid);

    const own = await fetchJson(shop.url, 'GET', `/api/orders/${order.id}`, {
      headers: customer(),
    });
    const other = await fetchJson(shop.url, 'GET', `/api/orders/${order.id}`, {
      headers: someone(),
    });
    const byAdmin = await fetchJson(shop.url, 'GET', `/api/orders/${order.id}`, { headers: admin });
    expect(own).toMatchObject({ status: 200, body: { id: order.id, userId: 'c-1' } });
    expect(other.status).toBe(404);
    expect(other.type).toContain('application/problem+json');
    expect(byAdmin).toMatchObject({ status: 200, body: { id: order.id } });
  });

  test('answers 404 for an unknown or malformed id and 401 without identity', async () => {
    const headers = customer();
    expect(
      (await fetchJson(shop.url, 'GET', `/api/orders/${randomUUID()}`, { headers })).status,
    ).toBe(404);
    expect((await fetchJson(shop.url, 'GET', '/api/orders/not-an-id', { headers })).status).toBe(
      404,
    );
    expect((await fetchJson(shop.url, 'GET', `/api/orders/${randomUUID()}`)).status).toBe(401);
  });
});

describe('GET /api/orders', () => {
  test("lists only the caller's orders, newest first, a page at a time", async () => {
    const caller = someone();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await post(valid, caller)).body.id);
    await post(valid, someone());

    const page1 = await list(caller['x-user-id']!, '?page=1&pageSize=2');
    const page2 = await list(caller['x-user-id']!, '?page=2&pageSize=2');
    expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.body.items.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    expect(page2.body.items.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
  });

  test('answers 400 for a page size over 100 and 401 without identity', async () => {
    expect((await list('c-1', '?pageSize=101')).status).toBe(400);
    expect((await fetchJson(shop.url, 'GET', '/api/orders')).status).toBe(401);
  });
});

test('/metrics counts created orders', async () => {
  await post(valid);
  const text = await (await fetch(`${shop.url}/metrics`)).text();
  expect(text).toMatch(/^orders_created_total\{service="order"\} [1-9]\d*$/m);
});

function lines(n: number) {
  return Array.from({ length: n }, () => ({ productId: randomUUID(), quantity: 1 }));
}
