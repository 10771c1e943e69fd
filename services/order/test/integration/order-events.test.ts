import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/common';
import { fetchJson, openEventStream, waitFor, type EventStreamClient } from '@shop/common/testing';
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
import { SagaPeer } from './saga-peer';

const kettle = { id: randomUUID(), name: 'Copper kettle', price: 2999 };
const body = { items: [{ productId: kettle.id, quantity: 1 }], payment: { token: 'tok_visa' } };
const stock = [{ productId: kettle.id, quantity: 1 }];

let catalog: CatalogStub;
let world: TestWorld;
let peer: SagaPeer;
let shop: RunningOrder;
beforeAll(async () => {
  catalog = await startCatalogStub([kettle]);
  world = await createWorld('postgres', catalog.url);
  peer = await SagaPeer.start(world.exchange);
  shop = await startOrder(world, { ORDER_EVENTS_HEARTBEAT_MS: '50' });
});
afterAll(async () => {
  await shop.stop();
  await peer.close();
  await world.destroy();
  await catalog.close();
});

async function place(userId = 'c-1'): Promise<string> {
  const res = await fetchJson(shop.url, 'POST', '/api/orders', { headers: customer(userId), body });
  expect(res.status).toBe(202);
  await peer.next(res.body.id, 'inventory.reserve_stock');
  return res.body.id as string;
}

const open = (id: string, headers = customer(), base = shop.url) =>
  openEventStream(`${base}/api/orders/${id}/events`, headers);

/** The next event's order, checking it is an `order` event whose id is its version. */
async function nextOrder(stream: EventStreamClient) {
  const event = await stream.next();
  expect(event).toMatchObject({ event: 'order', id: expect.stringMatching(/^\d+$/) });
  return JSON.parse(event!.data);
}

const stepsOf = (order: { steps: Array<{ name: string; status: string }> }) =>
  order.steps.map((s) => `${s.name}:${s.status}`);

describe('GET /api/orders/:id/events', () => {
  test('streams the order now, each change, and ends after the final state', async () => {
    const id = await place();
    const stream = await open(id);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toContain('no-cache');

    const first = await nextOrder(stream);
    expect(first).toMatchObject({ id, status: 'PENDING' });
    expect(stepsOf(first)).toEqual(['reserve_stock:requested']);

    await peer.reply('inventory.reserved', { orderId: id, items: stock });
    const reserved = await nextOrder(stream);
    expect(reserved.status).toBe('PENDING');
    expect(stepsOf(reserved)).toEqual([
      'reserve_stock:requested',
      'reserve_stock:succeeded',
      'charge_payment:requested',
    ]);

    await peer.reply('payment.succeeded', { orderId: id, paymentId: 'p', amount: kettle.price });
    const confirmed = await nextOrder(stream);
    expect(confirmed).toMatchObject({ id, status: 'CONFIRMED' });
    expect(await stream.next()).toBeUndefined();
    await waitFor(() => shop.service.feed.size === 0, { what: 'the follow released' });
  });

  test('an order already final is sent once and the stream ends', async () => {
    const id = await place();
    await peer.reply('inventory.rejected', { orderId: id, reason: 'OUT_OF_STOCK' });
    await waitFor(async () => {
      const res = await fetchJson(shop.url, 'GET', `/api/orders/${id}`, { headers: customer() });
      return res.body.status === 'CANCELLED';
    });
    const stream = await open(id);

    expect(await nextOrder(stream)).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'OUT_OF_STOCK',
    });
    expect(await stream.next()).toBeUndefined();
  });

  test('sends heartbeat comments while nothing changes', async () => {
    const id = await place();
    const stream = await open(id);
    await nextOrder(stream);

    await waitFor(() => stream.comments.length >= 2, { what: 'two heartbeats' });
    expect(stream.comments[0]).toBe('heartbeat');
    stream.close();
  });

  test('a client that goes away releases its follow', async () => {
    const id = await place();
    const stream = await open(id);
    await nextOrder(stream);
    expect(shop.service.feed.size).toBeGreaterThan(0);

    stream.close();
    await waitFor(() => shop.service.feed.size === 0, { what: 'the follow released' });
  });

  test("another user's order, a malformed id and no identity are refused as for GET", async () => {
    const id = await place();
    const others = await fetch(`${shop.url}/api/orders/${id}/events`, { headers: customer('c-2') });
    expect(others.status).toBe(404);
    expect(others.headers.get('content-type')).toContain('application/problem+json');
    expect(
      (await fetch(`${shop.url}/api/orders/nope/events`, { headers: customer() })).status,
    ).toBe(404);
    expect((await fetch(`${shop.url}/api/orders/${id}/events`)).status).toBe(401);

    const asAdmin = await open(id, admin);
    expect(await nextOrder(asAdmin)).toMatchObject({ id, status: 'PENDING' });
    asAdmin.close();
  });

  test("a change another replica writes reaches this replica's stream (its poll)", async () => {
    const other = await startOrder(world);
    try {
      const id = await place();
      const stream = await open(id);
      await nextOrder(stream);

      // The other process applies the reply: only the store tells this one about it.
      const rejected = createEvent(
        'inventory.rejected',
        { orderId: id, reason: 'OUT_OF_STOCK' },
        { source: 'inventory', correlationId: id },
      );
      await other.service.saga.applyOutcome(rejected);

      expect(await nextOrder(stream)).toMatchObject({ id, status: 'CANCELLED' });
      expect(await stream.next()).toBeUndefined();
    } finally {
      await other.stop();
    }
  });
});

describe('on shutdown', () => {
  test('open streams end, so the service stops without waiting for them', async () => {
    const own = await startOrder(world);
    const id = await place();
    const stream = await open(id, customer(), own.url);
    await nextOrder(stream);

    const started = Date.now();
    await own.stop();

    expect(await stream.next()).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
