import { randomUUID } from 'node:crypto';
import { Broker, publishEvents } from '@shop/common';
import {
  createTestDatabase,
  deleteTestBrokerObjects,
  freePort,
  runServiceToExit,
  startService,
  TEST_AMQP_URL,
  testLogger,
  waitFor,
} from '@shop/common/testing';
import pg from 'pg';
import { NOTIFICATION_QUEUE } from '../../src/events/notify';
import { event } from '../support/harness';
import { MailSink } from '../support/mail-sink';
import { signUp, startTestUserService, type TestUserService } from '../support/users';

// Runs the compiled service (`npx tsc --build` first), as `make demo` and the image do.
describe('the notification service process', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let users: TestUserService;
  let sink: MailSink;
  let broker: Broker;
  let db: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase('notification_process');
    db = new pg.Pool({ connectionString: database.url, max: 1 });
    users = await startTestUserService();
    sink = new MailSink(await freePort());
    await sink.start();
    broker = new Broker({ url: TEST_AMQP_URL, exchange: users.exchange, log: testLogger() });
    await broker.start();
  });

  afterAll(async () => {
    await broker?.stop();
    await sink?.stop();
    await users?.stop();
    if (users) {
      await deleteTestBrokerObjects({ queues: [`${users.exchange}.${NOTIFICATION_QUEUE}`] });
    }
    await db?.end();
    await database?.drop();
  });

  async function env(): Promise<Record<string, string>> {
    return {
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      AMQP_URL: TEST_AMQP_URL,
      EVENTS_EXCHANGE: users.exchange,
      EVENTS_QUEUE_PREFIX: `${users.exchange}.`,
      USER_GRPC_ADDR: users.grpcAddress,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'info',
    };
  }

  test('looks users up over gRPC (the .proto found from dist/) and sends the email', async () => {
    const service = await startService('notification', await env());
    try {
      const user = await signUp(users);
      const orderId = randomUUID();

      await publishEvents(broker, [
        event('order.confirmed', { orderId, userId: user.id, items: [], total: 0 }),
      ]);

      const [mail] = await waitFor(() => {
        const found = sink.received.filter((m) => m.text.includes(orderId));
        return found.length > 0 && found;
      });
      expect(mail!.to).toEqual([user.email]);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
    }
  });

  test('on SIGTERM, an email being sent finishes and is recorded before the process exits 0', async () => {
    const service = await startService('notification', await env());
    const release = sink.hold();
    const user = await signUp(users);
    await waitFor(() => sink.waiting === 1, { what: 'the welcome email in flight' });

    const exited = service.stop('SIGTERM');
    await waitFor(() => service.output().includes('"resource":"events"'), {
      what: 'the consumer stopped; the sender stopping',
    });
    release();

    expect(await exited).toBe(0);
    expect(sink.to(user.email)).toHaveLength(1);
    const { rows } = await db.query('SELECT status FROM notifications WHERE user_id = $1', [
      user.id,
    ]);
    expect(rows).toEqual([{ status: 'SENT' }]);
  });

  test('with a bad USER_GRPC_ADDR, exits 1 at once naming it', async () => {
    const exit = await runServiceToExit('notification', {
      ...(await env()),
      USER_GRPC_ADDR: 'user',
    });

    expect(exit).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/USER_GRPC_ADDR: expected host:port/),
    });
  });
});
