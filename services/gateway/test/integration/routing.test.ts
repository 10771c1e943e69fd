import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@shop/topology';
import { bearer, startGateway, type TestGateway } from '../support/gateway';
import { startEchoUpstream, type Echo, type EchoUpstream } from '../support/servers';
import { createSigningKey, signToken, startJwksServer, type JwksServer } from '../support/tokens';

const id = randomUUID();

/** DESIGN.md's public API: each route, the service that answers it. */
const FORWARDED: Array<[method: string, path: string, upstream: ServiceName]> = [
  ['POST', '/api/auth/signup', 'user'],
  ['POST', '/api/auth/login', 'user'],
  ['GET', '/api/users/me', 'user'],
  ['GET', '/.well-known/jwks.json', 'user'],
  ['GET', '/api/products?q=desk%20lamp&category=home&page=2&pageSize=5', 'product'],
  ['GET', `/api/products/${id}`, 'product'],
  ['POST', '/api/products', 'product'],
  ['PATCH', `/api/products/${id}`, 'product'],
  ['GET', `/api/inventory/${id}`, 'inventory'],
  ['POST', `/api/inventory/${id}/restock`, 'inventory'],
  ['POST', '/api/orders', 'order'],
  ['GET', '/api/orders?page=1&pageSize=10', 'order'],
  ['GET', `/api/orders/${id}`, 'order'],
  ['GET', `/api/orders/${id}/events`, 'order'],
  ['GET', '/api/notifications', 'notification'],
  ['GET', '/api/analytics/summary', 'analytics'],
];

describe('routing', () => {
  const names: ServiceName[] = [
    'user',
    'product',
    'order',
    'inventory',
    'notification',
    'analytics',
  ];
  let upstreams: Map<ServiceName, EchoUpstream>;
  let jwks: JwksServer;
  let gateway: TestGateway;
  let adminToken: string;

  beforeAll(async () => {
    upstreams = new Map(
      await Promise.all(names.map(async (n) => [n, await startEchoUpstream(n)] as const)),
    );
    const key = await createSigningKey();
    jwks = await startJwksServer([key]);
    adminToken = await signToken(key, { role: 'admin' });
    const urls = Object.fromEntries([...upstreams].map(([n, u]) => [n, u.url]));
    gateway = await startGateway(urls, { JWKS_URL: jwks.jwksUrl });
  });

  afterAll(async () => {
    await gateway.close();
    await jwks.close();
    await Promise.all([...upstreams.values()].map((u) => u.close()));
  });

  test.each(FORWARDED)(
    '%s %s goes to %s with its path and query unchanged',
    async (method, path, upstream) => {
      const body = method === 'GET' ? undefined : JSON.stringify({ any: 'thing' });
      const res = await gateway.fetch(path, {
        method,
        headers: { ...bearer(adminToken), 'content-type': 'application/json' },
        body,
      });

      expect(res.status).toBe(200);
      const echo = (await res.json()) as Echo;
      expect(echo).toMatchObject({ upstream, method, url: path });
      if (body) expect(echo.body).toEqual({ any: 'thing' });
    },
  );

  test('the upstream sees its own host name, as the mesh routes by Host', async () => {
    const res = await gateway.fetch('/api/products');
    const echo = (await res.json()) as Echo;

    expect(echo.headers.host).toBe(new URL(upstreams.get('product')!.url).host);
  });

  test('a request id and a trace context are generated and forwarded when the client sends none', async () => {
    const res = await gateway.fetch('/api/products');
    const echo = (await res.json()) as Echo;

    expect(echo.headers['x-request-id']).toBe(res.headers.get('x-request-id'));
    expect(echo.headers.traceparent).toMatch(/^00-[\da-f]{32}-[\da-f]{16}-01$/);
  });

  test("the client's request id and trace context are forwarded as they came", async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await gateway.fetch('/api/products', {
      headers: {
        traceparent,
        'x-request-id': 'req-123',
        'x-b3-traceid': '4bf92f3577b34da6a3ce929d0e0e4736',
      },
    });
    const echo = (await res.json()) as Echo;

    expect(echo.headers).toMatchObject({ traceparent, 'x-request-id': 'req-123' });
    expect(echo.headers['x-b3-traceid']).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  test('request metrics are labelled with the declared route pattern, not the raw path', async () => {
    await gateway.fetch(`/api/products/${randomUUID()}`);

    const text = await gateway.metrics.registry.getSingleMetricAsString(
      'http_request_duration_seconds',
    );

    expect(text).toContain('route="/api/products/:id",method="GET",status="200"');
    expect(text).not.toContain(`route="/api/products/${id}"`);
  });

  test.each([
    ['GET', '/api/auth/signup'],
    ['DELETE', `/api/products/${id}`],
    ['GET', '/api/users'],
    ['GET', '/api/internal/anything'],
  ])('%s %s is not part of the API: 404 problem, nothing forwarded', async (method, path) => {
    const before = [...upstreams.values()].reduce((n, u) => n + u.seen.length, 0);

    const res = await gateway.fetch(path, { method, headers: bearer(adminToken) });

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect([...upstreams.values()].reduce((n, u) => n + u.seen.length, 0)).toBe(before);
  });
});

describe('upstream discovery', () => {
  test('the resolver is asked on each request, so a registry can pick the instance', async () => {
    const [first, second] = await Promise.all([startEchoUpstream('one'), startEchoUpstream('two')]);
    const asked: ServiceName[] = [];
    let next = first;
    const gateway = await startGateway(
      {},
      {},
      {
        resolver: {
          resolve: (upstream) => {
            asked.push(upstream);
            return next.url;
          },
        },
      },
    );
    try {
      const a = (await (await gateway.fetch('/api/products')).json()) as Echo;
      next = second;
      const b = (await (await gateway.fetch('/api/products')).json()) as Echo;

      expect([a.upstream, b.upstream]).toEqual(['one', 'two']);
      expect(asked).toEqual(['product', 'product']);
    } finally {
      await Promise.all([gateway.close(), first.close(), second.close()]);
    }
  });
});
