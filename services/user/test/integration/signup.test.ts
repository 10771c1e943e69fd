import { waitFor } from '@shop/common/testing';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { JWT_AUDIENCE, JWT_ISSUER } from '@shop/topology';
import { PasswordHasher } from '../../src/domain/password';
import { tapEvents, type EventTap } from '../support/events';
import { newAccount, startTestUserService, type TestUserService } from '../support/user-service';

let service: TestUserService;
let registered: EventTap<'user.registered'>;

beforeAll(async () => {
  service = await startTestUserService();
  registered = await tapEvents(service.exchange, 'user.registered');
});

afterAll(async () => {
  await service?.stop();
  await registered?.close();
});

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as { status: number; errors?: Array<{ field: string }> };
  expect(body.status).toBe(status);
  return body;
}

describe('POST /api/auth/signup', () => {
  test('creates a customer and answers 201 with the user and a token signed by a published key', async () => {
    const account = newAccount({ email: '  Grace.Hopper@Example.COM ' });

    const response = await service.post('/api/auth/signup', account);

    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: Record<string, string>; token: string };
    expect(body.user).toEqual({
      id: expect.stringMatching(/^[\da-f-]{36}$/),
      name: account.name,
      email: 'grace.hopper@example.com',
      role: 'customer',
    });
    const jwks = createRemoteJWKSet(new URL(`${service.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.token, jwks, {
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      algorithms: ['RS256'],
    });
    expect(payload).toMatchObject({ sub: body.user.id, email: body.user.email, role: 'customer' });
    expect(payload.exp! - payload.iat!).toBe(3600);
    const published = (await (await service.get('/.well-known/jwks.json')).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(published.keys.map((k) => k.kid)).toEqual([protectedHeader.kid]);
  });

  test('stores a scrypt hash that verifies the password, never the password itself', async () => {
    const account = newAccount();

    const response = await service.post('/api/auth/signup', account);

    const { user } = (await response.json()) as { user: { id: string } };
    const { rows } = await service.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    const stored = rows[0]!.password_hash;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w+/=]+\$[\w+/=]+$/);
    expect(stored).not.toContain(account.password);
    expect(await new PasswordHasher().verify(account.password, stored)).toBe(true);
  });

  test('publishes user.registered through the outbox, correlated by the user id', async () => {
    const account = newAccount();

    const response = await service.post('/api/auth/signup', account);

    const { user } = (await response.json()) as { user: { id: string } };
    const event = await waitFor(
      () => registered.received.find((e) => e.correlationId === user.id),
      {
        what: 'user.registered',
      },
    );
    expect(event).toMatchObject({
      type: 'user.registered',
      source: 'user',
      correlationId: user.id,
      data: { userId: user.id, name: account.name, email: account.email, role: 'customer' },
    });
    expect(event.id).toMatch(/^[\da-f-]{36}$/);
    expect(JSON.stringify(event)).not.toContain(account.password);
  });

  test('when the email is taken, in any letter case, answers 409 and publishes nothing', async () => {
    const account = newAccount();
    const first = await service.post('/api/auth/signup', account);
    const { user } = (await first.json()) as { user: { id: string } };
    await waitFor(() => registered.received.some((e) => e.correlationId === user.id));
    const before = registered.received.length;

    const again = await service.post('/api/auth/signup', newAccount({ email: account.email }));
    const shouted = await service.post(
      '/api/auth/signup',
      newAccount({ email: account.email.toUpperCase() }),
    );

    await expectProblem(again, 409);
    await expectProblem(shouted, 409);
    const marker = await service.post('/api/auth/signup', newAccount());
    const { user: next } = (await marker.json()) as { user: { id: string } };
    await waitFor(() => registered.received.some((e) => e.correlationId === next.id));
    expect(registered.received.length).toBe(before + 1);
    const { rows } = await service.db.query('SELECT id FROM users WHERE email = $1', [
      account.email,
    ]);
    expect(rows).toHaveLength(1);
  });

  test.each([
    ['the body is malformed JSON', '{"name": "Ada", "email": ', []],
    ['a field is missing', { name: 'Ada', password: 'long enough' }, ['email']],
    [
      'a field has the wrong type',
      { name: 42, email: 'a@example.com', password: 'long enough' },
      ['name'],
    ],
    [
      'the email is not an email',
      { name: 'Ada', email: 'not-an-email', password: 'long enough' },
      ['email'],
    ],
    [
      'the password is shorter than 8',
      { name: 'Ada', email: 'a@example.com', password: 'short' },
      ['password'],
    ],
    ['the name is longer than 100', newAccount({ name: 'n'.repeat(101) }), ['name']],
    [
      'the email is longer than 254',
      newAccount({ email: `${'e'.repeat(250)}@example.com` }),
      ['email'],
    ],
    ['the password is longer than 256', newAccount({ password: 'p'.repeat(257) }), ['password']],
    ['the client tries to pick its role', { ...newAccount(), role: 'admin' }, ['(body)']],
    ['the body is not an object', [newAccount()], ['(body)']],
  ])('when %s, answers 400 problem+json naming the fields', async (_case, body, fields) => {
    const response = await service.post('/api/auth/signup', body);

    const problem = await expectProblem(response, 400);
    expect((problem.errors ?? []).map((e) => e.field)).toEqual(fields);
  });

  test('when the body is larger than the limit, answers 413 problem+json', async () => {
    const response = await service.post(
      '/api/auth/signup',
      newAccount({ name: 'x'.repeat(2 * 1024 * 1024) }),
    );

    await expectProblem(response, 413);
  });

  test('counts registrations on /metrics', async () => {
    const metrics = await (await service.get('/metrics')).text();

    expect(metrics).toMatch(/^users_registered_total\{service="user"\} [1-9]\d*$/m);
  });
});
