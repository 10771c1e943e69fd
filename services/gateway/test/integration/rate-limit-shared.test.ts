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

describe('two gateway processes with one RATE_LIMIT_DATABASE_URL (built: `npx tsc --build`)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let product: EchoUpstream;
  let gateways: RunningService[];

  beforeAll(async () => {
    database = await createTestDatabase('gateway_rate_limit');
    product = await startEchoUpstream('product');
    const env = async () => ({
      PORT: String(await freePort()),
      RATE_LIMIT_PER_MINUTE: '5',
      RATE_LIMIT_DATABASE_URL: database.url,
      ...Object.fromEntries(UPSTREAMS.map((u) => [urlEnvName(u), product.url])),
    });
    gateways = [
      await startService('gateway', await env()),
      await startService('gateway', await env()),
    ];
  }, 60_000);

  afterAll(async () => {
    await Promise.all((gateways ?? []).map((g) => g.stop('SIGKILL')));
    await product.close();
    await database.drop();
  });

  test('share one budget: the sixth request, on either, is a 429 that reaches no upstream', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(`${gateways[i % 2]!.url}/api/products`);
      statuses.push(res.status);
      await res.arrayBuffer();
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(product.seen.filter((r) => r.url === '/api/products')).toHaveLength(5);
  });
});

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
      RATE_LIMIT_STORE_TIMEOUT_MS: '300',
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
      const res = await fetch(`${gateway.url}/api/products`, { signal: AbortSignal.timeout(5000) });
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
    // Each waited out the 300 ms store timeout, not the database.
    expect(Date.now() - started).toBeLessThan(4000);

    proxy.resume();
    expect(await statuses(1)).toEqual([429]);
  });
});
