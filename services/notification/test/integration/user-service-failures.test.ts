import { randomUUID } from 'node:crypto';
import { TcpProxy, waitFor } from '@shop/common/testing';
import { event, startNotificationHarness, type NotificationHarness } from '../support/harness';
import { startSilentUserService, type FakeUserService } from '../support/user-grpc';
import { signUp, startTestUserService, type TestUserService } from '../support/users';

// No SMTP_URL here: emails are stored and logged (LOGGED), the local demo's mode.
const item = { productId: randomUUID(), name: 'Tea cup', unitPrice: 500, quantity: 1 };

async function rowsFor(shop: NotificationHarness, column: 'order_id' | 'user_id', value: string) {
  const { rows } = await shop.db.query(
    `SELECT kind, status FROM notifications WHERE ${column} = $1`,
    [value],
  );
  return rows;
}

describe('a user service that never answers', () => {
  const TIMEOUT_MS = 300;
  const MAX_ATTEMPTS = 3;
  let silent: FakeUserService;
  let shop: NotificationHarness;

  beforeAll(async () => {
    silent = await startSilentUserService();
    shop = await startNotificationHarness({
      userGrpcAddr: silent.address,
      smtpUrl: '',
      env: { USER_GRPC_TIMEOUT_MS: String(TIMEOUT_MS), EVENT_MAX_ATTEMPTS: String(MAX_ATTEMPTS) },
    });
  });

  afterAll(async () => {
    await shop?.stop();
    silent?.stop();
  });

  test('each lookup ends at the deadline and the order event is dead-lettered after its bounded attempts', async () => {
    const orderId = randomUUID();
    const started = Date.now();

    await shop.publish(
      event('order.confirmed', { orderId, userId: randomUUID(), items: [item], total: 500 }),
    );

    await waitFor(async () => (await shop.deadLettered()) === 1, {
      what: 'the event in the DLQ',
      timeoutMs: 10_000,
    });
    const elapsed = Date.now() - started;
    expect(silent.calls).toBe(MAX_ATTEMPTS);
    expect(elapsed).toBeGreaterThanOrEqual(MAX_ATTEMPTS * TIMEOUT_MS);
    expect(elapsed).toBeLessThan(MAX_ATTEMPTS * TIMEOUT_MS + 5_000);
    const [letter] = await shop.takeDeadLetters();
    expect(letter).toMatchObject({ type: 'order.confirmed' });
    expect(letter!.lastError).toContain('DEADLINE_EXCEEDED');
    expect(await rowsFor(shop, 'order_id', orderId)).toEqual([]);
    expect(await shop.metric('user_lookup_failures_total', { code: 'DEADLINE_EXCEEDED' })).toBe(
      MAX_ATTEMPTS,
    );
  });

  test('other events are handled while a lookup hangs', async () => {
    const hanging = randomUUID();
    const userId = randomUUID();
    const calls = silent.calls;
    await shop.publish(
      event('order.confirmed', {
        orderId: hanging,
        userId: randomUUID(),
        items: [item],
        total: 500,
      }),
    );
    await waitFor(() => silent.calls > calls, { what: 'a hanging lookup' });

    await shop.publish(
      event('user.registered', { userId, name: 'Ada', email: 'ada@example.com', role: 'customer' }),
    );

    const rows = await waitFor(async () => {
      const found = await rowsFor(shop, 'user_id', userId);
      return found[0]?.status === 'LOGGED' && found;
    });
    expect(rows).toEqual([{ kind: 'welcome', status: 'LOGGED' }]);
    expect(silent.calls).toBe(calls + 1);
    expect(await rowsFor(shop, 'order_id', hanging)).toEqual([]);
  });

  test('an order email to a user this service saw sign up is stored without the user service', async () => {
    const userId = randomUUID();
    const orderId = randomUUID();
    await shop.publish(
      event('user.registered', {
        userId,
        name: 'Grace',
        email: 'grace@example.com',
        role: 'customer',
      }),
    );
    await waitFor(async () => (await rowsFor(shop, 'user_id', userId)).length === 1);
    const calls = silent.calls;

    await shop.publish(event('order.confirmed', { orderId, userId, items: [item], total: 500 }));

    const rows = await waitFor(async () => {
      const found = await rowsFor(shop, 'order_id', orderId);
      return found[0]?.status === 'LOGGED' && found;
    });
    expect(rows).toEqual([{ kind: 'order_confirmed', status: 'LOGGED' }]);
    const { rows: sent } = await shop.db.query(
      'SELECT recipient FROM notifications WHERE order_id = $1',
      [orderId],
    );
    expect(sent).toEqual([{ recipient: 'grace@example.com' }]);
    expect(silent.calls).toBe(calls);
  });
});

describe('a user service that is unreachable for a while', () => {
  let users: TestUserService;
  let link: TcpProxy;
  let shop: NotificationHarness;

  beforeAll(async () => {
    users = await startTestUserService();
    const [host, port] = users.grpcAddress.split(':');
    link = new TcpProxy(host!, Number(port));
    const linkPort = await link.start();
    shop = await startNotificationHarness({
      userGrpcAddr: `127.0.0.1:${linkPort}`,
      smtpUrl: '',
      env: { EVENT_MAX_ATTEMPTS: '1000' },
    });
  });

  afterAll(async () => {
    await shop?.stop();
    await link?.stop();
    await users?.stop();
  });

  test('the order event is retried (UNAVAILABLE) and its email stored once the user service is back', async () => {
    const user = await signUp(users);
    const orderId = randomUUID();
    await link.cut();

    await shop.publish(
      event('order.cancelled', {
        orderId,
        userId: user.id,
        items: [item],
        total: 500,
        reason: 'OUT_OF_STOCK',
      }),
    );
    await waitFor(async () => (await shop.metric('user_lookup_failures_total')) > 0, {
      what: 'a failed lookup',
    });
    await link.restore();

    await waitFor(async () => (await rowsFor(shop, 'order_id', orderId))[0]?.status === 'LOGGED', {
      what: 'the cancellation email',
      timeoutMs: 15_000,
    });
    expect(await rowsFor(shop, 'order_id', orderId)).toEqual([
      { kind: 'order_cancelled', status: 'LOGGED' },
    ]);
    expect(
      await shop.metric('user_lookup_failures_total', { code: 'UNAVAILABLE' }),
    ).toBeGreaterThan(0);
    expect(await shop.deadLettered()).toBe(0);
  });

  test('a buyer found through the user service is remembered: the next email needs no call', async () => {
    const user = await signUp(users);
    const order = (orderId: string) =>
      event('order.confirmed', { orderId, userId: user.id, items: [item], total: 500 });
    const first = randomUUID();
    await shop.publish(order(first));
    await waitFor(async () => (await rowsFor(shop, 'order_id', first))[0]?.status === 'LOGGED', {
      what: 'the first email, through the user service',
    });
    await link.cut();
    const failures = await shop.metric('user_lookup_failures_total');

    const second = randomUUID();
    await shop.publish(order(second));

    await waitFor(async () => (await rowsFor(shop, 'order_id', second))[0]?.status === 'LOGGED', {
      what: 'the second email, with the user service cut off',
    });
    expect(await shop.metric('user_lookup_failures_total')).toBe(failures);
    await link.restore();
  });
});
