import { createTestDatabase } from '@shop/common/testing';
import { newAccount, startTestUserService } from '../support/user-service';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase('user_seed');
});

afterEach(async () => {
  await database?.drop();
});

const admin = { ADMIN_EMAIL: 'Admin@Shop.local', ADMIN_PASSWORD: 'shop-admin-local' };

async function startWithAdmin(env: Record<string, string> = admin) {
  return startTestUserService({ database, env });
}

async function login(
  service: { post: (p: string, b: unknown) => Promise<Response> },
  password: string,
) {
  const response = await service.post('/api/auth/login', { email: 'admin@shop.local', password });
  return { status: response.status, body: (await response.json()) as { user?: { role: string } } };
}

describe('admin seeding from ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  test('creates the admin once, however often the service starts', async () => {
    const first = await startWithAdmin();
    await first.stop();

    const second = await startWithAdmin();
    const { rows } = await second.db.query('SELECT id, role FROM users');
    const loggedIn = await login(second, admin.ADMIN_PASSWORD);
    await second.stop();

    expect(rows).toEqual([{ id: expect.any(String), role: 'admin' }]);
    expect(loggedIn).toMatchObject({ status: 200, body: { user: { role: 'admin' } } });
  });

  test('keeps an existing admin password when ADMIN_PASSWORD changes later', async () => {
    await (await startWithAdmin()).stop();

    const restarted = await startWithAdmin({ ...admin, ADMIN_PASSWORD: 'another-password' });
    const withOld = await login(restarted, admin.ADMIN_PASSWORD);
    const withNew = await login(restarted, 'another-password');
    await restarted.stop();

    expect(withOld.status).toBe(200);
    expect(withNew.status).toBe(401);
  });

  test('promotes an existing customer only when ADMIN_PASSWORD is that account’s password', async () => {
    const plain = await startWithAdmin({});
    await plain.post(
      '/api/auth/signup',
      newAccount({ email: 'admin@shop.local', password: 'squatter-password' }),
    );
    await plain.stop();

    const refused = await startWithAdmin();
    const { rows: afterRefusal } = await refused.db.query('SELECT role FROM users');
    await refused.stop();
    const promoted = await startWithAdmin({ ...admin, ADMIN_PASSWORD: 'squatter-password' });
    const { rows: afterPromotion } = await promoted.db.query('SELECT role FROM users');
    await promoted.stop();

    expect(afterRefusal).toEqual([{ role: 'customer' }]);
    expect(afterPromotion).toEqual([{ role: 'admin' }]);
  });
});
