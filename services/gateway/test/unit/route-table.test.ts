import { serviceSpec } from '@shop/topology';
import { UPSTREAMS } from '../../src/config';
import { ROUTES } from '../../src/routes/table';

describe('the route table', () => {
  const upstreamsOfRoutes = new Set(
    ROUTES.flatMap((r) => ('upstream' in r.to ? [r.to.upstream] : [])),
  );

  test('sends requests only to services the topology lets the gateway call, and to each of them', () => {
    const calls = serviceSpec('gateway').calls.map((c) => c.to);

    expect([...upstreamsOfRoutes].sort()).toEqual([...calls].sort());
    expect([...UPSTREAMS].sort()).toEqual([...calls].sort());
  });

  test('declares each method and path once', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);

    expect(new Set(keys).size).toBe(keys.length);
  });

  test.each([
    ['POST', '/api/products', 'admin'],
    ['PATCH', '/api/products/:id', 'admin'],
    ['GET', '/api/inventory/:productId', 'admin'],
    ['POST', '/api/inventory/:productId/restock', 'admin'],
    ['GET', '/api/analytics/summary', 'admin'],
    ['GET', '/api/users/me', 'user'],
    ['POST', '/api/orders', 'user'],
    ['GET', '/api/orders', 'user'],
    ['GET', '/api/orders/:id', 'user'],
    ['GET', '/api/orders/:id/events', 'user'],
    ['GET', '/api/notifications', 'user'],
    ['GET', '/api/dashboard', 'user'],
    ['GET', '/api/products', 'public'],
    ['GET', '/api/products/:id', 'public'],
    ['POST', '/api/auth/signup', 'public'],
    ['POST', '/api/auth/login', 'public'],
    ['GET', '/.well-known/jwks.json', 'public'],
    ['GET', '/api/openapi.json', 'public'],
    ['GET', '/', 'public'],
  ])('%s %s is for %s, as DESIGN.md says', (method, path, access) => {
    expect(ROUTES.find((r) => r.method === method && r.path === path)?.access).toBe(access);
  });

  test('has exactly the routes of DESIGN.md (plus the JWKS)', () => {
    expect(ROUTES).toHaveLength(19);
  });
});
