import {
  createStoreAndBusEnv,
  freePort,
  runServiceToExit,
  startService,
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
});
