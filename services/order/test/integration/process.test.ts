import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { freePort, startService, waitFor, type RunningService } from '@shop/common/testing';
import {
  call,
  createWorld,
  customer,
  startCatalogStub,
  type CatalogStub,
  type TestWorld,
} from './harness';
import { SagaPeer } from './saga-peer';

/** The compiled service (run `npx tsc --build` first). */
const MAIN = path.join(__dirname, '../../dist/main.js');

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
  (await call(service.url, 'GET', `/api/orders/${id}`, { headers: customer() })).body.status;

describe('the order process', () => {
  test('SIGTERM exits 0; after kill -9 mid-saga a new process carries the order on', async () => {
    let service = await start();
    const placed = await call(service.url, 'POST', '/api/orders', { headers: customer(), body });
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

  test('a bad setting stops the start with exit 1, naming the variable', () => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { ...world.env, PATH: process.env.PATH ?? '', PORT: '1', SAGA_MODE: 'sometimes' },
      encoding: 'utf8',
      timeout: 10_000,
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SAGA_MODE');
  });
});
