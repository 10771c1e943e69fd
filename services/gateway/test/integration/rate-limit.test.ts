import { startGateway, type TestGateway } from '../support/gateway';
import { startEchoUpstream, type EchoUpstream } from '../support/servers';

describe('rate limiting (RATE_LIMIT_PER_MINUTE=5)', () => {
  let product: EchoUpstream;

  beforeAll(async () => {
    product = await startEchoUpstream('product');
  });

  afterAll(() => product.close());

  async function withGateway(env: Record<string, string>, run: (g: TestGateway) => Promise<void>) {
    product.seen.length = 0;
    const gateway = await startGateway(
      { product: product.url },
      { RATE_LIMIT_PER_MINUTE: '5', ...env },
    );
    try {
      await run(gateway);
    } finally {
      await gateway.close();
    }
  }

  const spend = async (
    gateway: TestGateway,
    count: number,
    headers: Record<string, string> = {},
  ) => {
    const statuses = [];
    for (let i = 0; i < count; i += 1) {
      statuses.push((await gateway.fetch('/api/products', { headers })).status);
    }
    return statuses;
  };

  test('the sixth request in the minute gets 429 problem with Retry-After and RateLimit headers', () =>
    withGateway({}, async (gateway) => {
      const first = await gateway.fetch('/api/products');
      expect(first.headers.get('ratelimit-limit')).toBe('5');
      expect(first.headers.get('ratelimit-remaining')).toBe('4');
      expect(await spend(gateway, 4)).toEqual([200, 200, 200, 200]);

      const sixth = await gateway.fetch('/api/products');

      expect(sixth.status).toBe(429);
      expect(sixth.headers.get('content-type')).toContain('application/problem+json');
      expect(await sixth.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
      const retryAfter = Number(sixth.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(sixth.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(sixth.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
      // The refused sixth never reached the upstream.
      expect(product.seen.filter((r) => r.url === '/api/products')).toHaveLength(5);
    }));

  test('probes are not limited', () =>
    withGateway({}, async (gateway) => {
      await spend(gateway, 6);

      for (const path of ['/healthz', '/readyz', '/healthz', '/readyz']) {
        expect((await gateway.fetch(path)).status).toBe(200);
      }
    }));

  test('without trusted proxies, X-Forwarded-For cannot buy a client a fresh allowance', () =>
    withGateway({}, async (gateway) => {
      await spend(gateway, 5);

      expect(await spend(gateway, 1, { 'x-forwarded-for': '203.0.113.9' })).toEqual([429]);
    }));

  test('behind TRUST_PROXY=1, each forwarded client address has its own allowance', () =>
    withGateway({ TRUST_PROXY: '1' }, async (gateway) => {
      expect(await spend(gateway, 6, { 'x-forwarded-for': '203.0.113.9' })).toEqual([
        200, 200, 200, 200, 200, 429,
      ]);

      expect(await spend(gateway, 1, { 'x-forwarded-for': '203.0.113.10' })).toEqual([200]);
    }));
});
