import { randomUUID } from 'node:crypto';
import { fetchJson, TcpProxy, waitFor } from '@shop/common/testing';
import {
  createWorld,
  customer,
  startCatalogStub,
  startOrder,
  STORES,
  type CatalogStub,
  type RunningOrder,
  type TestWorld,
} from './harness';
import { SagaPeer } from './saga-peer';

const kettle = { id: randomUUID(), name: 'Copper kettle', price: 2999 };
const body = { items: [{ productId: kettle.id, quantity: 1 }], payment: { token: 'tok_visa' } };
const STEP_TIMEOUT_MS = 500;

describe.each(STORES)('after a restart (%s store)', (store) => {
  let catalog: CatalogStub;
  let world: TestWorld;
  let peer: SagaPeer;
  const running = new Set<RunningOrder>();

  beforeAll(async () => {
    catalog = await startCatalogStub([kettle]);
    world = await createWorld(store, catalog.url);
    peer = await SagaPeer.start(world.exchange);
  });
  afterEach(async () => {
    for (const shop of running) await shop.stop();
    running.clear();
  });
  afterAll(async () => {
    await peer.close();
    await world.destroy();
    await catalog.close();
  });

  async function start(env: Record<string, string> = {}) {
    const shop = await startOrder(world, env);
    running.add(shop);
    return shop;
  }
  async function stop(shop: RunningOrder) {
    running.delete(shop);
    await shop.stop();
  }
  const order = (shop: RunningOrder, id: string) =>
    fetchJson(shop.url, 'GET', `/api/orders/${id}`, { headers: customer() }).then((r) => r.body);

  test('a reply that arrived while the service was down advances the order', async () => {
    const before = await start();
    const placed = await fetchJson(before.url, 'POST', '/api/orders', {
      headers: customer(),
      body,
    });
    await peer.next(placed.body.id, 'inventory.reserve_stock');
    await stop(before);

    await peer.reply('inventory.reserved', {
      orderId: placed.body.id,
      items: [{ productId: kettle.id, quantity: 1 }],
    });
    const after = await start();

    const charge = await peer.next(placed.body.id, 'payment.charge');
    expect(charge.data).toMatchObject({ amount: 2999, token: 'tok_visa' });
    await peer.reply('payment.succeeded', {
      orderId: placed.body.id,
      paymentId: 'p',
      amount: 2999,
    });
    await waitFor(async () => (await order(after, placed.body.id)).status === 'CONFIRMED', {
      what: 'CONFIRMED after the restart',
    });
  });

  test('a step whose deadline passed while the service was down is cancelled with TIMEOUT', async () => {
    const env = { SAGA_STEP_TIMEOUT_MS: String(STEP_TIMEOUT_MS) };
    const before = await start(env);
    const placed = await fetchJson(before.url, 'POST', '/api/orders', {
      headers: customer(),
      body,
    });
    await peer.next(placed.body.id, 'inventory.reserve_stock');
    await stop(before);
    const deadline = Date.parse(placed.body.createdAt) + STEP_TIMEOUT_MS;
    await waitFor(() => Date.now() > deadline, { what: 'the step deadline' });

    const after = await start(env);

    await peer.next(placed.body.id, 'payment.refund');
    expect(await order(after, placed.body.id)).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'TIMEOUT',
    });
    expect(peer.typesFor(placed.body.id)).toEqual([
      'order.created',
      'inventory.reserve_stock',
      'order.cancelled',
      'inventory.release_stock',
      'payment.refund',
    ]);
  });

  test('events stored while the broker was unreachable are published after the restart', async () => {
    const brokerLink = new TcpProxy('127.0.0.1', 5672);
    const port = await brokerLink.start();
    const before = await start({ AMQP_URL: `amqp://guest:guest@127.0.0.1:${port}` });
    await brokerLink.cut();
    await waitFor(() => !before.service.bus.broker.connected, { what: 'broker disconnect' });

    const placed = await fetchJson(before.url, 'POST', '/api/orders', {
      headers: customer(),
      body,
    });
    expect(placed.status).toBe(202);
    await stop(before);
    await brokerLink.stop();
    expect(peer.sentFor(placed.body.id)).toEqual([]);

    await start();

    await peer.next(placed.body.id, 'inventory.reserve_stock');
    expect(peer.typesFor(placed.body.id)).toEqual(['order.created', 'inventory.reserve_stock']);
  });
});
