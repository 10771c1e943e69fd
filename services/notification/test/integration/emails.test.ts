import { randomUUID } from 'node:crypto';
import { duplicateEveryDelivery, freePort, waitFor } from '@shop/common/testing';
import { event, startNotificationHarness, type NotificationHarness } from '../support/harness';
import { MailSink } from '../support/mail-sink';
import { signUp, startTestUserService, type TestUserService } from '../support/users';

// Every consumed message is delivered twice (the kit's test hook), on top of the tests that
// publish an event twice themselves.
let undoDuplicates: () => void;
let users: TestUserService;
let sink: MailSink;
let shop: NotificationHarness;

beforeAll(async () => {
  undoDuplicates = duplicateEveryDelivery();
  sink = new MailSink(await freePort());
  await sink.start();
  users = await startTestUserService();
  shop = await startNotificationHarness({
    userGrpcAddr: users.grpcAddress,
    smtpUrl: sink.url,
    exchange: users.exchange,
  });
});

afterAll(async () => {
  await shop?.stop();
  await users?.stop();
  await sink?.stop();
  undoDuplicates?.();
});

const kettle = { productId: randomUUID(), name: 'Copper kettle', unitPrice: 2999, quantity: 2 };

/** Deliveries of `type` handled so far, whatever their outcome. */
async function handled(type: string): Promise<number> {
  const outcomes = ['stored', 'duplicate', 'recipient_gone'];
  const counts = await Promise.all(
    outcomes.map((outcome) => shop.metric('notification_events_total', { type, outcome })),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function waitUntilHandled(type: string, before: number, deliveries: number) {
  await waitFor(async () => (await handled(type)) - before >= deliveries, {
    what: `${deliveries} deliveries of ${type}`,
  });
}

async function notificationRows(column: 'order_id' | 'user_id', value: string) {
  const { rows } = await shop.db.query(
    `SELECT id, kind, recipient, status FROM notifications WHERE ${column} = $1`,
    [value],
  );
  return rows;
}

async function waitUntilSent(column: 'order_id' | 'user_id', value: string, count: number) {
  await waitFor(
    async () => {
      const rows = await notificationRows(column, value);
      return rows.length === count && rows.every((r) => r.status === 'SENT');
    },
    { what: `${count} notifications sent` },
  );
}

const customer = (id: string) => ({ 'x-user-id': id, 'x-user-role': 'customer' });

describe('emails', () => {
  test('a new user gets one welcome email, although user.registered arrives twice', async () => {
    const before = await handled('user.registered');

    const user = await signUp(users);

    await waitUntilHandled('user.registered', before, 2);
    await waitUntilSent('user_id', user.id, 1);
    const mails = sink.to(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: 'Welcome to Shop' });
    expect(mails[0]!.text).toContain(user.name);
  });

  test.each([
    {
      type: 'order.confirmed' as const,
      extra: {},
      subject: /^Your order \w{8} is confirmed$/,
      says: 'is confirmed and paid',
    },
    {
      type: 'order.cancelled' as const,
      extra: { reason: 'PAYMENT_DECLINED' as const },
      subject: /^Your order \w{8} was cancelled$/,
      says: 'the payment was declined',
    },
  ])(
    'an $type event sends exactly one email naming the order, although every event is delivered four times',
    async ({ type, extra, subject, says }) => {
      const user = await signUp(users);
      const orderId = randomUUID();
      const data = { orderId, userId: user.id, items: [kettle], total: 5998, ...extra };
      const fact = event(type, data as never);
      const before = await handled(type);

      await shop.publish(fact, fact);

      await waitUntilHandled(type, before, 4);
      await waitUntilSent('order_id', orderId, 1);
      const mails = sink.received.filter((m) => m.text.includes(orderId));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([user.email]);
      expect(mails[0]!.subject).toMatch(subject);
      expect(mails[0]!.text).toContain(says);
      expect(mails[0]!.text).toContain('$59.98');
      expect(mails[0]!.html).toContain(orderId);
      const [row] = await notificationRows('order_id', orderId);
      expect(mails[0]!.messageId).toBe(`<${row.id}@shop.local>`);
    },
  );

  test('an order of a user the user service does not know (NOT_FOUND) sends no email and is not retried', async () => {
    const orderId = randomUUID();
    const before = await shop.metric('notification_events_total', {
      type: 'order.confirmed',
      outcome: 'recipient_gone',
    });

    await shop.publish(
      event('order.confirmed', { orderId, userId: randomUUID(), items: [kettle], total: 5998 }),
    );

    await waitFor(
      async () =>
        (await shop.metric('notification_events_total', {
          type: 'order.confirmed',
          outcome: 'recipient_gone',
        })) -
          before ===
        2,
      { what: 'both deliveries skipped' },
    );
    expect(await notificationRows('order_id', orderId)).toEqual([]);
    expect(sink.received.filter((m) => m.text.includes(orderId))).toEqual([]);
    expect(await shop.deadLettered()).toBe(0);
    expect((await shop.get('/readyz')).status).toBe(200);
  });
});

describe('GET /api/notifications', () => {
  test("returns the caller's notifications only, newest first", async () => {
    const [ada, bob] = await Promise.all([signUp(users), signUp(users)]);
    await waitUntilSent('user_id', ada.id, 1);
    const orderId = randomUUID();
    await shop.publish(
      event('order.confirmed', { orderId, userId: ada.id, items: [kettle], total: 5998 }),
    );
    await waitUntilSent('user_id', ada.id, 2);

    const response = await shop.get('/api/notifications', customer(ada.id));

    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Array<Record<string, unknown>> };
    expect(items).toEqual([
      {
        id: expect.any(String),
        kind: 'order_confirmed',
        subject: expect.stringMatching(/is confirmed$/),
        to: ada.email,
        orderId,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      {
        id: expect.any(String),
        kind: 'welcome',
        subject: 'Welcome to Shop',
        to: ada.email,
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(items)).not.toContain(bob.email);
  });

  test('anonymous callers get 401 problem+json', async () => {
    const response = await shop.get('/api/notifications');

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
