import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  freePort,
  getJson,
  runServiceToExit,
  startService,
  waitFor,
  type RunningService,
} from '@shop/common/testing';
import { anOrder } from './fixtures';
import { admin, createWorld, ORDER_LOGS, serviceEnv, type AnalyticsWorld } from './harness';

/** What `make analytics-replay` runs, compiled (run `npx tsc --build` first). */
const REPLAY = path.join(__dirname, '../../dist/replay.js');

let world: AnalyticsWorld;
let env: Record<string, string>;

/** A world on `kind`'s log and the environment main.ts and replay.js read it from. */
function useWorld(kind: AnalyticsWorld['log']['kind']) {
  beforeAll(async () => {
    world = await createWorld(kind);
    env = serviceEnv(world);
  });
  afterAll(() => world.destroy());
}

async function start(): Promise<RunningService> {
  return startService('analytics', { ...env, PORT: String(await freePort()) });
}

const summaryOf = async (service: RunningService) =>
  (await getJson(service.url, '/api/analytics/summary', admin)).body;

describe.each(ORDER_LOGS)('the analytics process reading %s', (kind) => {
  useWorld(kind);

  test('SIGTERM exits 0; make analytics-replay rebuilds the stopped store; the next start shows identical totals', async () => {
    const product = randomUUID();
    const orders = [1, 2, 3].map((n) =>
      anOrder(`user-${n}`, [{ productId: product, quantity: n, unitPrice: 700 }]),
    );
    let service = await start();
    await world.publishOrders(...orders.map((o) => o.created()));
    await world.publishOrders(
      orders[0]!.confirmed(),
      orders[1]!.confirmed(),
      orders[2]!.cancelled(),
    );
    const before = await waitFor(
      async () => {
        const summary = await summaryOf(service);
        return summary.orders.confirmed + summary.orders.cancelled === 3 && summary;
      },
      { what: 'three final orders' },
    );
    expect(await service.stop('SIGTERM')).toBe(0);

    const replay = await promisify(execFile)(process.execPath, [REPLAY], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });

    expect(replay.stdout).toContain(`first offset of the ${kind} log`);
    expect(replay.stdout).toContain(`6 messages, through ${await world.log.end(6)}`);
    service = await start();
    try {
      expect(await summaryOf(service)).toEqual(before);
      expect(before).toEqual({
        orders: { total: 3, confirmed: 2, cancelled: 1 },
        revenue: (1 + 2) * 700,
        topProducts: [{ productId: product, quantity: 3 }],
      });
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  });
});

describe('the analytics process', () => {
  useWorld('rabbitmq');

  test('a bad setting stops the start with exit 1, naming the variable', async () => {
    const bad = { ...env, PORT: '1', ANALYTICS_STREAM_PREFETCH: '0' };

    const exit = await runServiceToExit('analytics', bad);

    expect(exit).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('ANALYTICS_STREAM_PREFETCH'),
    });
  });
});
