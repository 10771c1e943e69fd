import { status } from '@grpc/grpc-js';
import { waitFor } from '@shop/common/testing';
import { tapEvents, type EventTap } from '../support/events';
import { userServiceClient, type UserServiceClient } from '../support/grpc-client';
import { newAccount, startTestUserService, type TestUserService } from '../support/user-service';

let service: TestUserService;
let client: UserServiceClient;
let registered: EventTap<'user.registered'>;

beforeAll(async () => {
  service = await startTestUserService();
  registered = await tapEvents(service.exchange, 'user.registered');
  client = userServiceClient(service.grpcAddress);
});

afterAll(async () => {
  client?.close();
  await service?.stop();
  await registered?.close();
});

describe('gRPC shop.user.v1.UserService', () => {
  describe('CreateUser', () => {
    test('creates a customer, returns it without secrets and publishes user.registered', async () => {
      const account = newAccount();

      const user = await client.createUser(account);

      expect(user).toEqual({
        id: expect.stringMatching(/^[\da-f-]{36}$/),
        name: account.name,
        email: account.email,
        role: 'customer',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      await waitFor(() => registered.received.some((e) => e.data.userId === user.id), {
        what: 'user.registered',
      });
    });

    test('when the email is taken, fails with ALREADY_EXISTS', async () => {
      const account = newAccount();
      await client.createUser(account);

      const again = client.createUser({ ...account, email: account.email.toUpperCase() });

      await expect(again).rejects.toMatchObject({ code: status.ALREADY_EXISTS });
    });

    test('when a field is invalid, fails with INVALID_ARGUMENT naming it', async () => {
      const created = client.createUser(newAccount({ password: 'short' }));

      await expect(created).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
        details: expect.stringContaining('password'),
      });
    });
  });

  describe('GetUser', () => {
    test('returns the user the HTTP signup created', async () => {
      const account = newAccount();
      const signup = await service.post('/api/auth/signup', account);
      const { user } = (await signup.json()) as { user: { id: string } };

      const found = await client.getUser({ id: user.id });

      expect(found).toMatchObject({ id: user.id, name: account.name, email: account.email });
    });

    test('when no user has the id, fails with NOT_FOUND', async () => {
      const found = client.getUser({ id: '00000000-0000-4000-8000-000000000000' });

      await expect(found).rejects.toMatchObject({ code: status.NOT_FOUND });
    });

    test('when the id is not a UUID, fails with INVALID_ARGUMENT', async () => {
      await expect(client.getUser({ id: 'nope' })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
      await expect(client.getUser({ id: '' })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
    });
  });

  describe('ListUsers', () => {
    test('pages through every user once, in creation order, until an empty token', async () => {
      for (let i = 0; i < 5; i++) await client.createUser(newAccount());
      const { rows } = await service.db.query<{ id: string }>(
        'SELECT id FROM users ORDER BY created_at, id',
      );

      const seen: string[] = [];
      let pageToken = '';
      do {
        const page = await client.listUsers({ pageSize: 2, pageToken });
        expect(page.users.length).toBeLessThanOrEqual(2);
        seen.push(...page.users.map((u) => u.id));
        pageToken = page.nextPageToken;
      } while (pageToken);

      expect(seen).toEqual(rows.map((r) => r.id));
    });

    test('without a page size, returns up to 50 users', async () => {
      const page = await client.listUsers({});

      expect(page.users.length).toBeGreaterThan(0);
      expect(page.users.length).toBeLessThanOrEqual(50);
    });

    test('when the page size is over 100 or the token is not one it issued, fails with INVALID_ARGUMENT', async () => {
      await expect(client.listUsers({ pageSize: 101 })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
      await expect(client.listUsers({ pageToken: 'garbage' })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
        details: expect.stringContaining('pageToken'),
      });
    });
  });
});
