import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@shop/topology';
import { freePort, type TestServer } from '@shop/common/testing';
import { bearer, startGateway, type TestGateway } from '../support/gateway';
import { startJsonUpstream, type JsonUpstream } from '../support/json-upstream';
import { startSilentUpstream } from '../support/servers';
import { createSigningKey, signToken, startJwksServer, type JwksServer } from '../support/tokens';

const PART_TIMEOUT_MS = 300;
/** Generous slack for a loaded CI box; a hang would still blow far past it. */
const SLACK_MS = 1500;

const userId = randomUUID();
const products = Array.from({ length: 5 }, (_, n) => ({
  id: randomUUID(),
  name: `product ${n}`,
  category: 'kitchen',
  price: 1000 + n,
}));
const orders = Array.from({ length: 5 }, (_, n) => ({ id: randomUUID(), userId, total: n }));
const me = { id: userId, name: 'Ada', email: 'ada@example.com', role: 'customer' };

/** The services behind the dashboard, each a real local HTTP server. */
const upstreams = {
  user: () => startJsonUpstream(() => ({ body: me })),
  order: () =>
    startJsonUpstream(() => ({ body: { items: orders, total: 9, page: 1, pageSize: 5 } })),
  analytics: () =>
    startJsonUpstream(() => ({
      body: {
        items: products.map((p) => ({ productId: p.id, quantity: 3, reason: 'best_seller' })),
      },
    })),
  product: () =>
    startJsonUpstream((req) => {
      const found = products.find((p) => req.path.endsWith(p.id));
      return found ? { body: found } : { status: 404, body: { status: 404 } };
    }),
};

let jwks: JwksServer;
let token: string;
let running: Array<TestServer>;
let gateway: TestGateway;

beforeAll(async () => {
  const key = await createSigningKey();
  jwks = await startJwksServer([key]);
  token = await signToken(key, { sub: userId, email: me.email });
});
afterAll(() => jwks.close());
beforeEach(() => {
  running = [];
});
afterEach(async () => {
  await gateway.close();
  await Promise.all(running.map((s) => s.close()));
});

type Stand = Partial<Record<'user' | 'order' | 'analytics' | 'product', TestServer | 'down'>>;

/** The gateway in front of the four services; `stand` replaces some (or takes them away). */
async function startShop(stand: Stand = {}) {
  const urls: Partial<Record<ServiceName, string>> = {};
  const servers: Partial<Record<keyof typeof upstreams, JsonUpstream>> = {};
  for (const name of Object.keys(upstreams) as Array<keyof typeof upstreams>) {
    const given = stand[name];
    if (given === 'down') {
      urls[name] = `http://127.0.0.1:${await freePort()}`;
    } else {
      const server = given ?? (servers[name] = await upstreams[name]());
      running.push(server);
      urls[name] = server.url;
    }
  }
  gateway = await startGateway(urls, {
    JWKS_URL: jwks.jwksUrl,
    DASHBOARD_PART_TIMEOUT_MS: String(PART_TIMEOUT_MS),
  });
  return servers;
}

async function dashboard(headers: Record<string, string> = bearer(token)) {
  const started = Date.now();
  const res = await gateway.fetch('/api/dashboard', {
    headers,
    signal: AbortSignal.timeout(10_000),
  });
  return { res, elapsed: Date.now() - started, body: (await res.json()) as any };
}

describe('GET /api/dashboard', () => {
  test('with every part answering: 200 with the user, 5 recent orders, 4 recommended Products, degraded []', async () => {
    const servers = await startShop();

    const { res, body } = await dashboard();

    expect(res.status).toBe(200);
    expect(body).toEqual({
      user: me,
      recentOrders: orders,
      recommendations: products.slice(0, 4),
      degraded: [],
    });
    expect(servers.order!.seen[0]!.url).toBe('/api/orders?pageSize=5');
    expect(servers.analytics!.seen[0]!.url).toBe(
      `/api/analytics/recommendations?userId=${userId}&limit=4`,
    );
    for (const upstream of [servers.user!, servers.order!, servers.analytics!]) {
      expect(upstream.seen[0]!.headers).toMatchObject({
        'x-user-id': userId,
        'x-user-role': 'customer',
        'x-user-email': me.email,
      });
    }
  });

  test('with the analytics service stopped: 200, recommendations empty, degraded ["recommendations"]', async () => {
    const analytics = await upstreams.analytics();
    await analytics.close();

    const { res, body } = await startShop({ analytics }).then(() => dashboard());

    expect(res.status).toBe(200);
    expect(body).toEqual({
      user: me,
      recentOrders: orders,
      recommendations: [],
      degraded: ['recommendations'],
    });
    expect(
      await gateway.metrics.registry.getSingleMetricAsString('gateway_dashboard_degraded_total'),
    ).toMatch(/part="recommendations"[^}]*\} 1/);
  });

  test('with the product service down: the recommendations part is degraded', async () => {
    await startShop({ product: 'down' });

    const { res, body } = await dashboard();

    expect(res.status).toBe(200);
    expect(body.degraded).toEqual(['recommendations']);
    expect(body.recentOrders).toEqual(orders);
  });

  test('with the order service failing (500): recentOrders empty, degraded ["recentOrders"]', async () => {
    const order = await startJsonUpstream(() => ({ status: 500, body: { status: 500 } }));

    const { res, body } = await startShop({ order }).then(() => dashboard());

    expect(res.status).toBe(200);
    expect(body).toMatchObject({ recentOrders: [], degraded: ['recentOrders'] });
    expect(body.recommendations).toHaveLength(4);
  });

  test('a recommended product the catalog no longer has is left out', async () => {
    const gone = randomUUID();
    const analytics = await startJsonUpstream(() => ({
      body: { items: [gone, products[0]!.id].map((productId) => ({ productId, quantity: 1 })) },
    }));

    const { body } = await startShop({ analytics }).then(() => dashboard());

    expect(body.recommendations).toEqual([products[0]]);
    expect(body.degraded).toEqual([]);
  });

  test('a hanging part is given up at DASHBOARD_PART_TIMEOUT_MS: 200 without it', async () => {
    const analytics = await startSilentUpstream();

    const { res, body, elapsed } = await startShop({ analytics }).then(() => dashboard());

    expect(res.status).toBe(200);
    expect(body.degraded).toEqual(['recommendations']);
    expect(elapsed).toBeGreaterThanOrEqual(PART_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(PART_TIMEOUT_MS + SLACK_MS);
  });

  test('with the user service stopped: 503 problem', async () => {
    await startShop({ user: 'down' });

    const { res, body } = await dashboard();

    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      detail: 'the user part failed (upstream_unavailable)',
    });
  });

  test('with the user service hanging: 503 problem within the part deadline', async () => {
    const user = await startSilentUpstream();

    const { res, elapsed } = await startShop({ user }).then(() => dashboard());

    expect(res.status).toBe(503);
    expect(elapsed).toBeLessThan(PART_TIMEOUT_MS + SLACK_MS);
  });

  test('anonymous: 401 problem, no upstream asked', async () => {
    const servers = await startShop();

    const { res } = await dashboard({});

    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Object.values(servers).every((s) => s.seen.length === 0)).toBe(true);
  });
});
