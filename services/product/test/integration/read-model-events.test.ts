import { createEvent, publishEvents } from '@shop/common';
import { fetchJson, recordDeliveries, waitFor } from '@shop/common/testing';
import { rebuildReadModel } from '../../src/query/rebuild';
import { admin, startProductService, type ProductHarness } from './harness';

let shop: ProductHarness;
beforeAll(async () => {
  shop = await startProductService();
});
afterAll(() => shop.close());

const kettle = {
  name: 'Copper kettle',
  description: 'Whistles when the tea water boils',
  category: 'kitchen',
  price: 2999,
  initialStock: 3,
};

async function readSide(id: string) {
  const res = await fetchJson(shop.url, 'GET', `/api/products/${id}`);
  return res.status === 200 ? res.body : undefined;
}

describe('the catalog read model', () => {
  test('with the broker down, creating a product still answers 201 and the event arrives once the broker is back', async () => {
    await shop.brokerLink.cut();
    await waitFor(() => !shop.events.broker.connected, { what: 'broker disconnect' });

    const created = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: kettle,
    });
    expect(created.status).toBe(201);
    const pending = await shop.pool.query(
      "SELECT count(*)::int AS n FROM outbox WHERE type = 'product.created'",
    );
    expect(pending.rows[0].n).toBe(1);
    expect(await readSide(created.body.id)).toBeUndefined();

    await shop.brokerLink.restore();
    const product = await waitFor(() => readSide(created.body.id), {
      timeoutMs: 20_000,
      what: 'delivery after reconnect',
    });
    expect(product).toMatchObject({ name: 'Copper kettle', stock: 3 });
    await waitFor(async () => (await shop.pool.query('SELECT 1 FROM outbox')).rowCount === 0, {
      what: 'the outbox to drain',
    });
  });

  test('the same event delivered twice changes the read model once', async () => {
    const { body: created } = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: kettle,
    });
    await waitFor(() => readSide(created.id), { what: 'product' });
    const stock = createEvent(
      'inventory.stock_changed',
      { productId: created.id, available: 2, reserved: 1, version: 1 },
      { source: 'inventory', correlationId: created.id },
    );
    const deliveries = recordDeliveries();
    try {
      await publishEvents(shop.events.broker, [stock, stock]);
      // Both copies handled (acked) before anything is counted: the second had its chance.
      await waitFor(() => deliveries.of(stock.id).settled === 2, {
        what: 'both copies to be handled',
      });
    } finally {
      deliveries.stop();
    }

    expect((await readSide(created.id))?.stock).toBe(2);
    const journal = await shop.pool.query(
      'SELECT count(*)::int AS n FROM product_view_journal WHERE event_id = $1',
      [stock.id],
    );
    const processed = await shop.pool.query(
      'SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1',
      [stock.id],
    );
    expect(journal.rows[0].n).toBe(1);
    expect(processed.rows[0].n).toBe(1);
  });

  test('an older stock level or product version arriving late does not overwrite a newer one', async () => {
    const { body: created } = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: kettle,
    });
    await fetchJson(shop.url, 'PATCH', `/api/products/${created.id}`, {
      headers: admin,
      body: { price: 100 },
    });
    await waitFor(async () => (await readSide(created.id))?.price === 100, { what: 'update' });
    const level = (available: number, version: number) =>
      createEvent(
        'inventory.stock_changed',
        { productId: created.id, available, reserved: 0, version },
        { source: 'inventory', correlationId: created.id },
      );
    await publishEvents(shop.events.broker, [level(9, 5)]);
    await waitFor(async () => (await readSide(created.id))?.stock === 9, { what: 'stock 9' });
    const stale = level(1, 4);
    await publishEvents(shop.events.broker, [stale]);
    await waitFor(
      async () =>
        (await shop.pool.query('SELECT 1 FROM processed_events WHERE event_id = $1', [stale.id]))
          .rowCount === 1,
      { what: 'stale event processed' },
    );
    expect(await readSide(created.id)).toMatchObject({ stock: 9, price: 100 });
  });

  test('the read model can be rebuilt from its journal with the same content', async () => {
    const { body: created } = await fetchJson(shop.url, 'POST', '/api/products', {
      headers: admin,
      body: { ...kettle, name: 'Iron kettle' },
    });
    await waitFor(() => readSide(created.id), { what: 'product' });
    const before = (await fetchJson(shop.url, 'GET', '/api/products?pageSize=100')).body;

    await shop.pool.query('DELETE FROM product_view');
    expect((await fetchJson(shop.url, 'GET', '/api/products')).body.total).toBe(0);
    const replayed = await rebuildReadModel(shop.pool);

    expect(replayed).toBeGreaterThanOrEqual(before.total);
    expect((await fetchJson(shop.url, 'GET', '/api/products?pageSize=100')).body).toEqual(before);
  });
});
