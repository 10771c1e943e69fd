import { randomUUID } from 'node:crypto';
import {
  fetchJson,
  freePort,
  runServiceToExit,
  startService,
  waitFor,
  type RunningService,
} from '@shop/common/testing';
import {
  createWorld,
  customer,
  startCatalogStub,
  type CatalogStub,
  type TestWorld,
} from './harness';
import { SagaPeer } from './saga-peer';

const kettle = { id: randomUUID(), name: 'Copper kettle', price: 2999 };
const body = { items: [{ productId: kettle.id, quantity: 1 }], payment: { token: 'tok_visa' } };

let catalog: CatalogStub;
let world: TestWorld;
let peer: SagaPeer;
beforeAll(async () => {
  catalog = await startCatalogStub([kettle]);
  world = await createWorld('postgres', catalog.url);
  peer = await SagaPeer.start(world.exchange);
});
afterAll(async () => {
  await peer.close();
  await world.destroy();
  await catalog.close();
});

async function start(): Promise<RunningService> {
  return startService('order', { ...world.env, PORT: String(await freePort()) });
}

const statusOf = async (service: RunningService, id: string) =>
  (await fetchJson(service.url, 'GET', `/api/orders/${id}`, { headers: customer() })).body.status;

// Runs the compiled service (`npx tsc --build` first), as `make demo` and the image do.
describe('the order process', () => {
  test('SIGTERM exits 0; after kill -9 mid-saga a new process carries the order on', async () => {
    let service = await start();
    const placed = await fetchJson(service.url, 'POST', '/api/orders', {
      headers: customer(),
      body,
    });
    expect(placed.status).toBe(202);
    await peer.next(placed.body.id, 'inventory.reserve_stock');
    expect(await service.stop('SIGTERM')).toBe(0);

    service = await start();
    await peer.reply('inventory.reserved', {
      orderId: placed.body.id,
      items: [{ productId: kettle.id, quantity: 1 }],
    });
    await peer.next(placed.body.id, 'payment.charge');
    await service.stop('SIGKILL');

    await peer.reply('payment.succeeded', {
      orderId: placed.body.id,
      paymentId: 'p',
      amount: 2999,
    });
    service = await start();
    try {
      await waitFor(async () => (await statusOf(service, placed.body.id)) === 'CONFIRMED', {
        what: 'CONFIRMED after kill -9 and restart',
      });
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  });

  test('a bad setting stops the start with exit 1, naming the variable', async () => {
    const exit = await runServiceToExit('order', {
      ...world.env,
      PORT: '1',
      SAGA_MODE: 'sometimes',
    });

    expect(exit).toMatchObject({ code: 1, stderr: expect.stringContaining('SAGA_MODE') });
  });
});
