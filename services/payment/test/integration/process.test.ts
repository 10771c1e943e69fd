import {
  createTestDatabase,
  deleteTestBrokerObjects,
  freePort,
  runServiceToExit,
  startService,
  TEST_AMQP_URL,
  uniqueExchange,
} from '@shop/common/testing';
import { PAYMENT_QUEUE } from '../../src/events/subscriptions';

// Runs the compiled service (`npx tsc --build` first), as `make demo` and the image do.
describe('the payment service process', () => {
  const exchange = uniqueExchange();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase('payment_process');
  });
  afterAll(async () => {
    await database?.drop();
    await deleteTestBrokerObjects({ exchange, queues: [`${exchange}.${PAYMENT_QUEUE}`] });
  });

  test('becomes ready, serves metrics and exits 0 on SIGTERM', async () => {
    const service = await startService('payment', {
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      AMQP_URL: TEST_AMQP_URL,
      EVENTS_EXCHANGE: exchange,
      EVENTS_QUEUE_PREFIX: `${exchange}.`,
      SAGA_MODE: 'choreography',
    });

    const metrics = await fetch(`${service.url}/metrics`);

    expect(metrics.status).toBe(200);
    expect(await service.stop('SIGTERM')).toBe(0);
  });

  test('a bad PAYMENT_PROVIDER_LATENCY_MS stops it at once with exit 1, naming the variable', async () => {
    const exit = await runServiceToExit('payment', {
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      AMQP_URL: TEST_AMQP_URL,
      PAYMENT_PROVIDER_LATENCY_MS: 'soon',
    });

    expect(exit).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/PAYMENT_PROVIDER_LATENCY_MS/),
    });
  });
});
