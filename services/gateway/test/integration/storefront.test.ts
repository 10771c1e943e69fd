import { startGateway, type TestGateway } from '../support/gateway';
import { startEchoUpstream, type Echo, type EchoUpstream } from '../support/servers';

/** DESIGN.md `GET /` (and every non-API path): the storefront service answers, through the gateway. */
describe('the web app through the gateway', () => {
  let storefront: EchoUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    storefront = await startEchoUpstream('storefront');
    gateway = await startGateway({ storefront: storefront.url });
  });

  afterAll(async () => {
    await gateway.close();
    await storefront.close();
  });

  test.each(['/', '/products/0b8e6a52?ref=share', '/account/orders', '/assets/main-AB12.js'])(
    'GET %s goes to the storefront unchanged, with the browser hardening headers',
    async (path) => {
      const res = await gateway.fetch(path);

      expect(res.status).toBe(200);
      expect(((await res.json()) as Echo).url).toBe(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  test.each([
    ['GET', '/api/nothing-here'],
    ['GET', '/metrics'],
    ['POST', '/products/0b8e6a52'],
  ])('%s %s never reaches the storefront', async (method, path) => {
    const before = storefront.seen.length;

    await gateway.fetch(path, { method });

    expect(storefront.seen.length).toBe(before);
  });

  test('web app requests are counted under one route label, whatever the path', async () => {
    await gateway.fetch('/products/a-first-one');
    await gateway.fetch('/products/a-second-one');

    const text = await gateway.metrics.registry.getSingleMetricAsString(
      'http_request_duration_seconds',
    );
    expect(text).toContain('route="/{*web app}",method="GET",status="200"');
    expect(text).not.toContain('a-first-one');
  });
});
