import { fetchJson } from '@shop/common/testing';
import { startIsolatedStack, type IsolatedStack } from '../../src/runner/isolated';

/**
 * A service started again comes back with its stack's configuration, the signing key
 * included: sessions the first user process signed stay valid after a `kill -9` (the chaos
 * run's customers keep their tokens across many such kills, as they would across a pod's).
 */
let shop: IsolatedStack;
beforeAll(async () => {
  shop = await startIsolatedStack({ name: 'restart', only: ['user', 'gateway'] });
}, 60_000);
afterAll(() => shop?.destroy());

test('a token signed before user and gateway were killed is accepted after they started again', async () => {
  const signup = await fetchJson(shop.gatewayUrl, 'POST', '/api/auth/signup', {
    headers: { 'content-type': 'application/json' },
    body: { name: 'Restart', email: 'restart@shop.test', password: 'restart-password' },
  });
  expect(signup.status).toBe(201);
  const headers = { authorization: `Bearer ${signup.body.token}` };
  expect((await fetchJson(shop.gatewayUrl, 'GET', '/api/users/me', { headers })).status).toBe(200);

  // Both: a gateway that lived on would answer from its cache of verified tokens.
  for (const name of ['gateway', 'user']) expect(await shop.stack.kill(name, 'SIGKILL')).toBe(137);
  for (const name of ['user', 'gateway']) await shop.stack.start(name);

  const me = await fetchJson(shop.gatewayUrl, 'GET', '/api/users/me', { headers });
  expect(me.status).toBe(200);
  expect(me.body.email).toBe('restart@shop.test');
}, 60_000);
