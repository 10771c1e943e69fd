import { urlEnvName } from '@shop/topology';
import {
  createTestDatabase,
  freePort,
  startService,
  TcpProxy,
  type RunningService,
} from '@shop/common/testing';
import { UPSTREAMS } from '../../src/config';
import { startEchoUpstream, type EchoUpstream } from '../support/servers';

interface TwoGateways {
  readonly product: EchoUpstream;
  readonly gateways: RunningService[];
  stop(): Promise<void>;
}

/** Two gateway processes on one rate-limit database, before and after every test of a block. */
function twoGateways(database: string, env: Record<string, string>): () => TwoGateways {
  let running: TwoGateways | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase(database);
    const product = await startEchoUpstream('product');
    const gatewayEnv = async () => ({
      PORT: String(await freePort()),
      RATE_LIMIT_DATABASE_URL: db.url,
      ...env,
      ...Object.fromEntries(UPSTREAMS.map((u) => [urlEnvName(u), product.url])),
    });
    const gateways = [
      await startService('gateway', await gatewayEnv()),
      await startService('gateway', await gatewayEnv()),
    ];
    const stop = async () => {
      await Promise.all(gateways.map((g) => g.stop('SIGKILL')));
      await product.close();
      await db.drop();
    };
    running = { product, gateways, stop };
  }, 60_000);
  afterAll(() => running?.stop());
  return () => running!;
}

describe('two gateway processes with one RATE_LIMIT_DATABASE_URL (built: `npx tsc --build`)', () => {
  const shop = twoGateways('gateway_rate_limit', { RATE_LIMIT_PER_MINUTE: '5' });

  test('share one budget: the sixth request, on either, is a 429 that reaches no upstream', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(`${shop().gateways[i % 2]!.url}/api/products`);
      statuses.push(res.status);
      await res.arrayBuffer();
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(shop().product.seen.filter((r) => r.url === '/api/products')).toHaveLength(5);
  });
});

describe('two gateway processes far from the limit (RATE_LIMIT_PER_MINUTE=200, leases)', () => {
  const shop = twoGateways('gateway_rate_limit_leases', {
    RATE_LIMIT_PER_MINUTE: '200',
    // No request let through uncounted by a slow store on a busy machine.
    RATE_LIMIT_STORE_TIMEOUT_MS: '10000',
  });

  test('admit no more than the budget together, and at most their unspent leases fewer', async () => {
    let admitted = 0;
    for (let i = 0; i < 300; i += 1) {
      const res = await fetch(`${shop().gateways[i % 2]!.url}/api/products`);
      if (res.status === 200) admitted += 1;
      await res.arrayBuffer();
    }

    expect(admitted).toBeLessThanOrEqual(200);
    // Each holds at most two leases of a tenth of what was left (20) unspent.
    expect(admitted).toBeGreaterThanOrEqual(200 - 2 * 2 * 20);
    expect(shop().product.seen.filter((r) => r.url === '/api/products')).toHaveLength(admitted);
  });
});

/** How long the gateway waits for the rate-limit store before it lets a request through. */
const STORE_TIMEOUT_MS = 1000;

describe('a gateway whose rate-limit database is cut or stalled (built: `npx tsc --build`)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: EchoUpstream;
  let proxy: TcpProxy;
  let gateway: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_rate_limit_outage');
    product = await startEchoUpstream('product');
    const url = new URL(database.url);
    proxy = new TcpProxy(url.hostname, Number(url.port || 5432));
    url.port = String(await proxy.start());
    gateway = await startService('gateway', {
      PORT: String(await freePort()),
      RATE_LIMIT_PER_MINUTE: '2',
      RATE_LIMIT_DATABASE_URL: url.toString(),
      // Long enough that a loaded box answers in time when the store is up (300 ms flaked).
      RATE_LIMIT_STORE_TIMEOUT_MS: String(STORE_TIMEOUT_MS),
      ...Object.fromEntries(UPSTREAMS.map((u) => [urlEnvName(u), product.url])),
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop('SIGKILL');
    await proxy?.stop();
    await product?.close();
    await database?.drop();
  });

  const statuses = async (n: number) => {
    const seen: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const res = await fetch(`${gateway.url}/api/products`, {
        signal: AbortSignal.timeout(10_000),
      });
      seen.push(res.status);
      await res.arrayBuffer();
    }
    return seen;
  };

  test('fails open: requests go through uncounted, at once, and the limit holds again after', async () => {
    expect(await statuses(3)).toEqual([200, 200, 429]);

    await proxy.cut();
    expect(await statuses(3)).toEqual([200, 200, 200]);

    await proxy.restore();
    proxy.stall();
    const started = Date.now();
    expect(await statuses(2)).toEqual([200, 200]);
    // Each waited out the store timeout, not the stalled database (that never answers).
    expect(Date.now() - started).toBeLessThan(2 * STORE_TIMEOUT_MS + 4000);

    proxy.resume();
    expect(await statuses(1)).toEqual([429]);
  });
});
