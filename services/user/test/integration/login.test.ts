import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/topology';
import { newAccount, startTestUserService, type TestUserService } from '../support/user-service';

let service: TestUserService;
const account = newAccount();
let userId: string;

beforeAll(async () => {
  service = await startTestUserService();
  const response = await service.post('/api/auth/signup', account);
  userId = ((await response.json()) as { user: { id: string } }).user.id;
});

afterAll(async () => {
  await service?.stop();
});

function identity(id: string, role = 'customer') {
  return { 'x-user-id': id, 'x-user-role': role, 'x-user-email': account.email };
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { status: number; detail: string; errors?: unknown[] };
}

describe('POST /api/auth/login', () => {
  test('with the right password, answers 200 with a token for the account and the user', async () => {
    const response = await service.post('/api/auth/login', {
      email: account.email.toUpperCase(),
      password: account.password,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; user: Record<string, string> };
    expect(body.user).toEqual({
      id: userId,
      name: account.name,
      email: account.email,
      role: 'customer',
    });
    const jwks = (await (await service.get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(body.token, createLocalJWKSet(jwks), {
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    expect(payload.sub).toBe(userId);
  });

  test('with a wrong password or an unknown email, answers the same 401', async () => {
    const wrongPassword = await service.post('/api/auth/login', {
      email: account.email,
      password: 'not the password',
    });
    const unknownEmail = await service.post('/api/auth/login', {
      email: 'nobody@example.com',
      password: account.password,
    });

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(await problemOf(wrongPassword)).toEqual(await problemOf(unknownEmail));
  });

  test('when fields are missing or of the wrong type, answers 400 problem+json with errors', async () => {
    const missing = await service.post('/api/auth/login', { email: account.email });
    const wrongType = await service.post('/api/auth/login', {
      email: account.email,
      password: 12345678,
    });

    expect(missing.status).toBe(400);
    expect((await problemOf(missing)).errors).toEqual([
      expect.objectContaining({ field: 'password' }),
    ]);
    expect(wrongType.status).toBe(400);
    expect((await problemOf(wrongType)).errors).toEqual([
      expect.objectContaining({ field: 'password' }),
    ]);
  });

  test('counts successes and failures on /metrics', async () => {
    const metrics = await (await service.get('/metrics')).text();

    expect(metrics).toMatch(/^logins_total\{result="success",service="user"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^logins_total\{result="failure",service="user"\} [1-9]\d*$/m);
  });
});

describe('GET /api/users/me', () => {
  test('answers 200 with the profile of the caller the gateway identified', async () => {
    const response = await service.get('/api/users/me', identity(userId));

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toEqual({
      id: userId,
      name: account.name,
      email: account.email,
      role: 'customer',
      createdAt: expect.any(String),
    });
    expect(new Date(body.createdAt!).toISOString()).toBe(body.createdAt);
  });

  test('without identity headers, answers 401 problem+json', async () => {
    const response = await service.get('/api/users/me');

    expect(response.status).toBe(401);
    expect((await problemOf(response)).status).toBe(401);
  });

  test('when the account no longer exists (or the id is not one), answers 404', async () => {
    const gone = await service.post('/api/auth/signup', newAccount());
    const goneId = ((await gone.json()) as { user: { id: string } }).user.id;
    await service.db.query('DELETE FROM users WHERE id = $1', [goneId]);

    const deleted = await service.get('/api/users/me', identity(goneId));
    const garbage = await service.get('/api/users/me', identity('not-a-uuid'));

    expect(deleted.status).toBe(404);
    expect(garbage.status).toBe(404);
  });
});

describe('GET /.well-known/jwks.json', () => {
  test('publishes the RSA signing key with kid, alg and use, cacheable for 5 minutes', async () => {
    const response = await service.get('/.well-known/jwks.json');

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('max-age=300');
    const { keys } = (await response.json()) as JSONWebKeySet;
    expect(keys).toEqual([
      expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) }),
    ]);
    expect(keys[0]).not.toHaveProperty('d');
  });
});
