import { randomUUID } from 'node:crypto';
import { fetchJson, waitFor } from '@shop/common/testing';
import { admin, customer, startInventory, type InventoryHarness } from './harness';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory('orchestration');
});
afterAll(() => inventory.close());

const restock = (productId: string, body: unknown, headers: Record<string, string> = admin) =>
  fetchJson(inventory.url, 'POST', `/api/inventory/${productId}/restock`, { headers, body });

describe('GET /api/inventory/:productId', () => {
  test('an admin reads available and reserved', async () => {
    const productId = await inventory.newProduct(6);

    const res = await fetchJson(inventory.url, 'GET', `/api/inventory/${productId}`, {
      headers: admin,
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ productId, available: 6, reserved: 0 });
  });

  test('a customer is forbidden (403) and an anonymous caller unauthorized (401)', async () => {
    const productId = await inventory.newProduct(1);

    const asCustomer = await fetchJson(inventory.url, 'GET', `/api/inventory/${productId}`, {
      headers: customer,
    });
    const anonymous = await fetchJson(inventory.url, 'GET', `/api/inventory/${productId}`);

    expect(asCustomer.status).toBe(403);
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain('application/problem+json');
  });

  test('an unknown product is 404 problem+json', async () => {
    const res = await fetchJson(inventory.url, 'GET', `/api/inventory/${randomUUID()}`, {
      headers: admin,
    });

    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  test('an id longer than any product id is 404, not a server error', async () => {
    const res = await fetchJson(inventory.url, 'GET', `/api/inventory/${'x'.repeat(101)}`, {
      headers: admin,
    });
    expect(res.status).toBe(404);
  });
});

describe('POST /api/inventory/:productId/restock', () => {
  test('adds to available, answers the new level and announces it with the next version', async () => {
    const productId = await inventory.newProduct(2);

    const res = await restock(productId, { quantity: 5 });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ productId, available: 7, reserved: 0 });
    await inventory.bus.flush();
    const announced = await waitForLevel(productId, 2);
    expect(announced).toEqual({ productId, available: 7, reserved: 0, version: 2 });
    const { rows } = await inventory.pool.query(
      'SELECT received::int FROM stock WHERE product_id = $1',
      [productId],
    );
    expect(rows[0].received).toBe(7);
  });

  test.each([
    ['zero', { quantity: 0 }],
    ['negative', { quantity: -3 }],
    ['fractional', { quantity: 1.5 }],
    ['a string', { quantity: '3' }],
    ['over a million', { quantity: 1_000_001 }],
    ['missing', {}],
    ['with an unknown field', { quantity: 1, price: 10 }],
  ])('a quantity %s is 400 naming the field, and stock is unchanged', async (_name, body) => {
    const productId = await inventory.newProduct(2);

    const res = await restock(productId, body);

    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(await inventory.level(productId)).toMatchObject({ available: 2 });
  });

  test('malformed JSON is 400', async () => {
    const productId = await inventory.newProduct(2);
    expect((await restock(productId, '{"quantity":')).status).toBe(400);
  });

  test('customers get 403 and anonymous callers 401; stock is unchanged', async () => {
    const productId = await inventory.newProduct(2);

    expect((await restock(productId, { quantity: 1 }, customer)).status).toBe(403);
    expect((await restock(productId, { quantity: 1 }, {})).status).toBe(401);
    expect(await inventory.level(productId)).toMatchObject({ available: 2 });
  });

  test('an unknown product is 404', async () => {
    expect((await restock(randomUUID(), { quantity: 1 })).status).toBe(404);
  });

  test('restocking past the limit of a product is 409 and changes nothing', async () => {
    const productId = await inventory.newProduct(999_999_999);

    const res = await restock(productId, { quantity: 2 });

    expect(res.status).toBe(409);
    expect(await inventory.level(productId)).toMatchObject({ available: 999_999_999 });
  });
});

describe('operations', () => {
  test('health, readiness and metrics with the reservation counter', async () => {
    const productId = await inventory.newProduct(1);
    const orderId = randomUUID();
    await inventory.bus.send(
      'inventory.reserve_stock',
      { orderId, items: [{ productId, quantity: 1 }] },
      orderId,
    );
    await inventory.bus.replyTo(orderId, ['inventory.reserved']);

    expect((await fetchJson(inventory.url, 'GET', '/healthz')).status).toBe(200);
    expect((await fetchJson(inventory.url, 'GET', '/readyz')).body).toMatchObject({
      status: 'ready',
      checks: { postgres: 'ok', broker: 'ok' },
    });
    const metrics = await (await fetch(`${inventory.url}/metrics`)).text();
    expect(metrics).toMatch(
      /inventory_reservations_total\{result="reserved",service="inventory"\} 1/,
    );
  });
});

async function waitForLevel(productId: string, version: number) {
  const event = await waitFor(() =>
    inventory.bus
      .of('inventory.stock_changed', { productId })
      .find((e) => e.data.version === version),
  );
  return event.data;
}
