import { randomUUID } from 'node:crypto';
import type { EventData, EventType } from '@shop/common';
import {
  createStoreAndBusEnv,
  freePort,
  messageCount,
  metricValue,
  runServiceToExit,
  startService,
  TestEventBus,
  waitFor,
  type StoreAndBusEnv,
} from '@shop/common/testing';
import { PAYMENT_QUEUE } from '../../src/events/subscriptions';

// Runs the compiled service (`npx tsc --build` first), as `make demo` and the image do.
describe('the payment service process', () => {
  let world: StoreAndBusEnv;
  beforeAll(async () => {
    world = await createStoreAndBusEnv('payment_process', [PAYMENT_QUEUE]);
  });
  afterAll(() => world?.destroy());

  test('becomes ready, serves metrics and exits 0 on SIGTERM', async () => {
    const service = await startService('payment', {
      ...world.env,
      PORT: String(await freePort()),
      SAGA_MODE: 'choreography',
    });

    const metrics = await fetch(`${service.url}/metrics`);

    expect(metrics.status).toBe(200);
    expect(await service.stop('SIGTERM')).toBe(0);
  });

  test('a bad PAYMENT_PROVIDER_LATENCY_MS stops it at once with exit 1, naming the variable', async () => {
    const exit = await runServiceToExit('payment', {
      ...world.env,
      PORT: String(await freePort()),
      PAYMENT_PROVIDER_LATENCY_MS: 'soon',
    });

    expect(exit).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/PAYMENT_PROVIDER_LATENCY_MS/),
    });
  });

  test('in choreography, an orchestrator command (the other SAGA_MODE) is logged as an error, counted and dead-lettered', async () => {
    const service = await startService('payment', {
      ...world.env,
      PORT: String(await freePort()),
      SAGA_MODE: 'choreography',
    });
    const bus = await TestEventBus.start(world.env.EVENTS_EXCHANGE!, []);
    const orderId = randomUUID();
    const commands = [
      [
        'payment.charge',
        { orderId, userId: 'u-1', amount: 500, currency: 'USD', token: 'tok_visa' },
      ],
      ['payment.refund', { orderId }],
    ] as Array<[EventType, EventData<EventType>]>;
    try {
      for (const [type, data] of commands) await bus.send(type, data, orderId);

      const dlq = `${world.env.EVENTS_QUEUE_PREFIX}${PAYMENT_QUEUE}.dlq`;
      await waitFor(async () => (await messageCount(dlq)) === commands.length, {
        what: 'every command in the dead-letter queue',
      });
      for (const [type] of commands) {
        expect(await metricValue(service.url, 'saga_mode_mismatch_total', { type })).toBe(1);
        expect(service.output()).toMatch(
          new RegExp(`"level":"error".*SAGA_MODE mismatch: ${type} `),
        );
      }
    } finally {
      await bus.stop();
      await service.stop('SIGTERM');
    }
  });
});
