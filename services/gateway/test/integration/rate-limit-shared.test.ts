import { urlEnvName } from '@shop/topology';
import {
  createTestDatabase,
  freePort,
  startService,
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
