import { randomUUID } from 'node:crypto';
import { freePort, waitFor } from '@shop/common/testing';
import { event, startNotificationHarness, type NotificationHarness } from '../support/harness';
import { MailSink } from '../support/mail-sink';

// Welcome emails need no user lookup, so no user service runs here (the address is unused).
let sink: MailSink;
let shop: NotificationHarness;

beforeAll(async () => {
  sink = new MailSink(await freePort(), /^bounce\./);
  shop = await startNotificationHarness({ userGrpcAddr: '127.0.0.1:9', smtpUrl: sink.url });
});

afterAll(async () => {
  await shop?.stop();
  await sink?.stop();
});

function registration() {
  const userId = randomUUID();
  const email = `user.${userId}@example.com`;
  return {
    userId,
    email,
    fact: event('user.registered', { userId, name: 'Ada', email, role: 'customer' }),
  };
}

async function statuses(
  userIds: string[],
): Promise<Array<{ id: string; status: string; attempts: number }>> {
  const { rows } = await shop.db.query(
    'SELECT id, status, attempts FROM notifications WHERE user_id = ANY($1) ORDER BY user_id',
    [userIds],
  );
  return rows;
}

async function waitUntilAll(userIds: string[], status: string) {
  return waitFor(
    async () => {
      const rows = await statuses(userIds);
      return rows.length === userIds.length && rows.every((r) => r.status === status) && rows;
    },
    { what: `${userIds.length} notifications ${status}`, timeoutMs: 15_000 },
  );
}

async function failuresAbove(count: number) {
  await waitFor(async () => (await shop.metric('smtp_failures_total')) > count, {
    what: 'a failed SMTP attempt',
  });
}

describe('when the mail server is down', () => {
  test('emails wait as PENDING and each arrives exactly once when the server is back', async () => {
    const users = [registration(), registration(), registration()];
    const failures = await shop.metric('smtp_failures_total');

    await shop.publish(...users.map((u) => u.fact));
    await failuresAbove(failures);
    const waiting = await statuses(users.map((u) => u.userId));
    expect(waiting).toHaveLength(3);
    expect(waiting.every((r) => r.status === 'PENDING')).toBe(true);
    expect(await shop.metric('notifications_pending')).toBe(3);
    await sink.start();

    const sent = await waitUntilAll(
      users.map((u) => u.userId),
      'SENT',
    );
    for (const user of users) expect(sink.to(user.email)).toHaveLength(1);
    expect(sink.received.map((m) => m.messageId).sort()).toEqual(
      sent.map((r) => `<${r.id}@shop.local>`).sort(),
    );
  });

  test('after it went away having taken mail, the rest waits and each arrives exactly once', async () => {
    const first = registration();
    await shop.publish(first.fact);
    await waitUntilAll([first.userId], 'SENT');
    await sink.stop();
    const failures = await shop.metric('smtp_failures_total');

    const later = [registration(), registration()];
    await shop.publish(...later.map((u) => u.fact));
    await failuresAbove(failures);
    await sink.start();

    await waitUntilAll(
      later.map((u) => u.userId),
      'SENT',
    );
    for (const user of [first, ...later]) expect(sink.to(user.email)).toHaveLength(1);
  });
});

describe('when the mail server refuses a recipient for good', () => {
  test('that email is FAILED after one attempt and the others are still sent', async () => {
    const userId = randomUUID();
    const bounced = event('user.registered', {
      userId,
      name: 'Nobody',
      email: `bounce.${userId}@example.com`,
      role: 'customer',
    });
    const fine = registration();

    await shop.publish(bounced, fine.fact);

    await waitUntilAll([fine.userId], 'SENT');
    const [refused] = await waitUntilAll([userId], 'FAILED');
    expect(refused!.attempts).toBe(1);
    expect(sink.to(`bounce.${userId}@example.com`)).toEqual([]);
  });
});
