import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from '@shop/common/testing';
import { checkCallLog } from '../../tools/shopctl/src/runner/conformance';
import { startIsolatedStack, type IsolatedStack } from '../../tools/shopctl/src/runner/isolated';
import { loginAdmin, ShopClient } from '../support/shop-api';

/** Issue 2's acceptance through the real gateway, user and product processes. */
let shop: IsolatedStack;
const callLog = path.join(os.tmpdir(), `shop-calls-${randomUUID()}.jsonl`);

beforeAll(async () => {
  shop = await startIsolatedStack({
    name: 'foundation',
    only: ['user', 'product', 'gateway'],
    env: { LOG_LEVEL: 'warn', SCRYPT_LOG_N: '14', CALL_LOG_FILE: callLog },
  });
}, 60_000);
afterAll(() => shop?.destroy());

const anonymous = () => new ShopClient(shop.gatewayUrl);
const credentials = () => ({
  name: 'Grace',
  email: `grace-${randomUUID()}@example.com`,
  password: 'correct horse',
});

function expectProblem(res: { status: number; contentType: string; body: any }, status: number) {
  expect(res.status).toBe(status);
  expect(res.contentType).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}

describe('accounts through the gateway', () => {
  test('signup, login and /api/users/me', async () => {
    const who = credentials();
    const signup = await anonymous().request('POST', '/api/auth/signup', who);
    expect(signup.status).toBe(201);
    expect(signup.body.user).toMatchObject({ name: 'Grace', email: who.email, role: 'customer' });

    const login = await anonymous().request('POST', '/api/auth/login', {
      email: who.email,
      password: who.password,
    });
    expect(login.status).toBe(200);
    const me = await new ShopClient(shop.gatewayUrl, login.body.token).request(
      'GET',
      '/api/users/me',
    );
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: signup.body.user.id,
      email: who.email,
      role: 'customer',
      createdAt: expect.any(String),
    });
  });

  test('a wrong password is 401 and a taken email 409', async () => {
    const who = credentials();
    await anonymous().request('POST', '/api/auth/signup', who);
    expectProblem(
      await anonymous().request('POST', '/api/auth/login', {
        email: who.email,
        password: 'wrong password',
      }),
      401,
    );
    expectProblem(await anonymous().request('POST', '/api/auth/signup', who), 409);
  });

  test.each([
    ['malformed JSON', 400, '{"email": '],
    ['missing fields', 400, JSON.stringify({ email: 'a@example.com' })],
    ['wrong types', 400, JSON.stringify({ name: 1, email: true, password: [] })],
    [
      'a 2 MB body',
      413,
      JSON.stringify({
        name: 'x'.repeat(2 * 1024 * 1024),
        email: 'a@example.com',
        password: 'long enough',
      }),
    ],
  ])('%s is a %i problem, never a 5xx', async (_what, status, raw) => {
    const res = await fetch(`${shop.gatewayUrl}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  test('a tampered token is 401 and a customer on an admin route 403', async () => {
    const signup = await anonymous().request('POST', '/api/auth/signup', credentials());
    const token = signup.body.token as string;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expectProblem(
      await new ShopClient(shop.gatewayUrl, `${header}.${forged}.${signature}`).request(
        'GET',
        '/api/users/me',
      ),
      401,
    );
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forged}.`;
    expectProblem(
      await new ShopClient(shop.gatewayUrl, unsigned).request('GET', '/api/users/me'),
      401,
    );
    const asCustomer = new ShopClient(shop.gatewayUrl, token);
    expectProblem(
      await asCustomer.request('POST', '/api/products', {
        name: 'x',
        description: '',
        category: 'c',
        price: 1,
        initialStock: 1,
      }),
      403,
    );
  });
});

describe('the catalog through the gateway', () => {
  test('an admin creates a product, found by full-text search and by id; a price update reaches the read side', async () => {
    const admin = await loginAdmin(shop.gatewayUrl);
    const created = await admin.request('POST', '/api/products', {
      name: 'Walnut chessboard',
      description: 'Hand-inlaid squares with a felt underside',
      category: 'games',
      price: 8900,
      initialStock: 4,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const search = async (q: string) =>
      (await anonymous().request('GET', `/api/products?q=${q}`)).body.items.map(
        (p: { id: string }) => p.id,
      );

    await waitFor(async () => (await search('chessboard')).includes(id), {
      what: 'search by name',
    });
    expect(await search('felt')).toContain(id);
    expect((await anonymous().request('GET', `/api/products/${id}`)).body).toMatchObject({
      price: 8900,
      stock: 4,
    });

    expect((await admin.request('PATCH', `/api/products/${id}`, { price: 7900 })).status).toBe(200);
    await waitFor(
      async () => (await anonymous().request('GET', `/api/products/${id}`)).body.price === 7900,
      {
        what: 'new price on the read side',
      },
    );
    expectProblem(await anonymous().request('GET', '/api/products?pageSize=101'), 400);
  });
});

describe('topology conformance', () => {
  test('every call the services made is an edge the topology declares', () => {
    const { calls, undeclared } = checkCallLog(callLog, shop.stack.options);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.map((c) => `${c.caller}->${c.callee}`)).toContain('gateway->user');
    expect(undeclared).toEqual([]);
  });
});
