import { randomUUID } from 'node:crypto';
import { freePort } from '@shop/common/testing';
import { SignJWT } from 'jose';
import { bearer, startGateway, type TestGateway } from '../support/gateway';
import { startEchoUpstream, type Echo, type EchoUpstream } from '../support/servers';
import {
  claimsOf,
  createSigningKey,
  signToken,
  startJwksServer,
  tamper,
  unsignedToken,
  type JwksServer,
  type SigningKey,
} from '../support/tokens';

describe('authentication and access', () => {
  let user: EchoUpstream;
  let product: EchoUpstream;
  let key: SigningKey;
  let jwks: JwksServer;
  let gateway: TestGateway;

  beforeAll(async () => {
    [user, product] = await Promise.all([startEchoUpstream('user'), startEchoUpstream('product')]);
    key = await createSigningKey();
    jwks = await startJwksServer([key]);
    gateway = await startGateway(
      { user: user.url, product: product.url },
      { JWKS_URL: jwks.jwksUrl, JWKS_COOLDOWN_MS: '0' },
    );
  });

  afterAll(async () => {
    await Promise.all([gateway.close(), jwks.close(), user.close(), product.close()]);
  });

  const me = (headers: Record<string, string>) => gateway.fetch('/api/users/me', { headers });

  describe('a valid token', () => {
    test("forwards the caller's identity to the upstream in x-user-* headers", async () => {
      const sub = randomUUID();
      const token = await signToken(key, { sub, role: 'customer', email: 'ada@example.com' });

      const res = await me(bearer(token));

      expect(res.status).toBe(200);
      const { headers } = (await res.json()) as Echo;
      expect(headers).toMatchObject({
        'x-user-id': sub,
        'x-user-role': 'customer',
        'x-user-email': 'ada@example.com',
      });
    });

    test('replaces identity headers the client sent', async () => {
      const sub = randomUUID();
      const token = await signToken(key, { sub });

      const res = await me({
        ...bearer(token),
        'x-user-id': 'someone-else',
        'x-user-role': 'admin',
        'x-user-impersonate': 'yes',
      });

      const { headers } = (await res.json()) as Echo;
      expect(headers).toMatchObject({ 'x-user-id': sub, 'x-user-role': 'customer' });
      expect(headers).not.toHaveProperty('x-user-impersonate');
    });

    test('lets an admin use an admin route', async () => {
      const token = await signToken(key, { role: 'admin' });

      const res = await gateway.fetch('/api/products', {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Lamp' }),
      });

      expect(res.status).toBe(200);
      expect(((await res.json()) as Echo).headers['x-user-role']).toBe('admin');
    });
  });

  test('on a public route, client-supplied identity headers never reach the upstream', async () => {
    const res = await gateway.fetch('/api/products', {
      headers: { 'x-user-id': 'forged', 'x-user-role': 'admin', 'x-user-email': 'x@example.com' },
    });

    const { headers } = (await res.json()) as Echo;
    expect(Object.keys(headers).filter((h) => h.startsWith('x-user-'))).toEqual([]);
  });

  test('without a token, a user route answers 401 with a Bearer challenge', async () => {
    const res = await me({ 'x-user-id': 'forged', 'x-user-role': 'admin' });

    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  const badTokens: Array<[string, () => Promise<string>]> = [
    [
      'tampered (role changed, signature kept)',
      async () => tamper(await signToken(key), { role: 'admin' }),
    ],
    ['expired', () => signToken(key, { expiresIn: -120 })],
    ['for another audience', () => signToken(key, { audience: 'billing' })],
    ['from another issuer', () => signToken(key, { issuer: 'evil' })],
    [
      'signed by a key whose kid is not in the JWKS',
      async () => signToken(await createSigningKey()),
    ],
    [
      'signed by an unknown key that reuses a known kid',
      async () => signToken(await createSigningKey(key.kid)),
    ],
    [
      'unsigned (alg: none)',
      async () => unsignedToken(claimsOf(await signToken(key, { role: 'admin' }))),
    ],
    [
      'HS256, with the public key as the secret',
      async () =>
        new SignJWT(claimsOf(await signToken(key)))
          .setProtectedHeader({ alg: 'HS256', kid: key.kid })
          .sign(new TextEncoder().encode(JSON.stringify(key.publicJwk))),
    ],
    ['not a JWT', async () => 'not.a.jwt'],
  ];

  test.each(badTokens)(
    'a token %s answers 401 invalid_token and reaches no upstream',
    async (_, make) => {
      const token = await make();
      const before = user.seen.length;

      const res = await me(bearer(token));

      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
      expect(user.seen.length).toBe(before);
    },
  );

  test.each([
    ['POST', '/api/products'],
    ['PATCH', `/api/products/${randomUUID()}`],
    ['GET', `/api/inventory/${randomUUID()}`],
    ['POST', `/api/inventory/${randomUUID()}/restock`],
    ['GET', '/api/analytics/summary'],
  ])('a customer on admin route %s %s gets 403', async (method, path) => {
    const token = await signToken(key, { role: 'customer' });

    const res = await gateway.fetch(path, { method, headers: bearer(token) });

    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  test('the key set is fetched once and then served from the cache', async () => {
    const token = await signToken(key);
    expect((await me(bearer(token))).status).toBe(200);
    const before = jwks.fetches();

    for (let i = 0; i < 5; i += 1) expect((await me(bearer(token))).status).toBe(200);

    expect(jwks.fetches()).toBe(before);
  });

  test('a key published after the first fetch is picked up (unknown kid refetches the set)', async () => {
    expect((await me(bearer(await signToken(key)))).status).toBe(200);
    const rotated = await createSigningKey();
    jwks.publish(rotated);

    const res = await me(bearer(await signToken(rotated)));

    expect(res.status).toBe(200);
  });
});

test('when the JWKS cannot be fetched, a protected route answers 503, not 401 or 500', async () => {
  const key = await createSigningKey();
  const user = await startEchoUpstream('user');
  const gateway = await startGateway(
    { user: user.url },
    { JWKS_URL: `http://127.0.0.1:${await freePort()}/.well-known/jwks.json` },
  );
  try {
    const res = await gateway.fetch('/api/users/me', { headers: bearer(await signToken(key)) });

    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(user.seen).toEqual([]);
  } finally {
    await Promise.all([gateway.close(), user.close()]);
  }
});
