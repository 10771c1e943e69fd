import { randomUUID } from 'node:crypto';
import { getJson } from '@shop/common/testing';
import { replayOrderStream } from '../../src/replay/replay-order-stream';
import { readPosition } from '../../src/store/stream-position';
import { Registry } from 'prom-client';
import {
  admin,
  counter,
  createWorld,
  customer,
  feedDeps,
  ORDER_LOGS,
  startAnalytics,
  type AnalyticsService,
  type AnalyticsWorld,
} from './harness';
import { anOrder } from './fixtures';

const kettle = randomUUID();
const mug = randomUUID();
const lamp = randomUUID();

describe.each(ORDER_LOGS)('GET /api/analytics/summary, order events from %s', (kind) => {
  let world: AnalyticsWorld;
  let service: AnalyticsService;

  beforeAll(async () => {
    world = await createWorld(kind);
    service = await startAnalytics(world);
  });
  afterAll(async () => {
    await service.stop();
    await world.destroy();
  });

  const summary = async () => (await getJson(service.url, '/api/analytics/summary', admin)).body;

  // Two confirmed, one cancelled, one still pending.
  const ada1 = anOrder('ada', [
    { productId: kettle, quantity: 2, unitPrice: 1000 },
    { productId: mug, quantity: 1, unitPrice: 500 },
  ]);
  const bob = anOrder('bob', [{ productId: kettle, quantity: 1, unitPrice: 1000 }]);
  const ada2 = anOrder('ada', [{ productId: lamp, quantity: 3, unitPrice: 2000 }]);
  const cy = anOrder('cy', [{ productId: mug, quantity: 4, unitPrice: 500 }]);

  test('after a known set of orders it matches them exactly', async () => {
    await world.publishOrders(ada1.created(), bob.created(), ada2.created(), cy.created());
    await world.publishOrders(ada1.confirmed(), bob.confirmed(), ada2.cancelled());
    await service.caughtUp();

    expect(await summary()).toEqual({
      orders: { total: 4, confirmed: 2, cancelled: 1 },
      revenue: 2500 + 1000,
      topProducts: [
        { productId: kettle, quantity: 3 },
        { productId: mug, quantity: 1 },
      ],
    });
  });

  test('the same event id twice in the stream (a republished copy) counts once', async () => {
    const dan = anOrder('dan', [{ productId: mug, quantity: 2, unitPrice: 500 }]);
    const confirmed = dan.confirmed();
    await world.publishOrders(dan.created(), confirmed, confirmed);
    await service.caughtUp();

    expect(await summary()).toMatchObject({
      orders: { total: 5, confirmed: 3, cancelled: 1 },
      revenue: 3500 + 1000,
    });
    expect(
      await counter(service.metrics, 'analytics_stream_messages_total', { outcome: 'duplicate' }),
    ).toBe(1);
  });

  test('a message outside the contract is passed over (logged with its offset) and the stream goes on', async () => {
    const before = await summary();
    await world.publishRaw('{"not": "an event"}');
    const eve = anOrder('eve', [{ productId: lamp, quantity: 1, unitPrice: 2000 }]);
    await world.publishOrders(eve.created());
    await service.caughtUp();

    expect((await summary()).orders.total).toBe(before.orders.total + 1);
    expect(
      await counter(service.metrics, 'analytics_stream_messages_total', { outcome: 'rejected' }),
    ).toBe(1);
  });

  test('after a restart it resumes at the stored (RabbitMQ) or committed (Kafka) offset: nothing counted twice', async () => {
    const before = await summary();
    await service.stop();
    const fay = anOrder('fay', [{ productId: lamp, quantity: 2, unitPrice: 2000 }]);
    await world.publishOrders(fay.created(), fay.confirmed()); // while the service is down

    service = await startAnalytics(world);
    await service.caughtUp();
    const gus = anOrder('gus', [{ productId: kettle, quantity: 1, unitPrice: 1000 }]);
    await world.publishOrders(gus.created(), gus.cancelled());
    await service.caughtUp();

    expect(await summary()).toEqual({
      orders: {
        total: before.orders.total + 2,
        confirmed: before.orders.confirmed + 1,
        cancelled: before.orders.cancelled + 1,
      },
      revenue: before.revenue + 4000,
      // Equal quantities rank by product id.
      topProducts: [
        ...[kettle, mug].sort().map((productId) => ({ productId, quantity: 3 })),
        { productId: lamp, quantity: 2 },
      ],
    });
    const outcomes = async (outcome: string) =>
      counter(service.metrics, 'analytics_stream_messages_total', { outcome });
    expect(await outcomes('applied')).toBe(4); // only the messages after the stored offset
    expect(await outcomes('behind')).toBe(0);
  });

  test('a replay wipes the store and rebuilds it from the first offset with identical totals', async () => {
    const before = await summary();
    const position = await readPosition(service.pool);
    const end = await world.log.end(world.streamLength());

    const result = await replayOrderStream(
      feedDeps(world, { broker: world.publisher, pool: service.pool, registry: new Registry() }),
    );

    expect(result).toEqual({
      epoch: position.epoch + 1,
      through: end,
      messages: world.streamLength(),
    });
    expect(await summary()).toEqual(before);
  });

  test('after a replay the running service counts new orders exactly once', async () => {
    const before = await summary();
    const hal = anOrder('hal', [{ productId: mug, quantity: 5, unitPrice: 500 }]);
    await world.publishOrders(hal.created(), hal.confirmed());
    await service.caughtUp();

    expect(await summary()).toMatchObject({
      orders: {
        ...before.orders,
        total: before.orders.total + 1,
        confirmed: before.orders.confirmed + 1,
      },
      revenue: before.revenue + 2500,
      topProducts: expect.arrayContaining([{ productId: mug, quantity: 8 }]),
    });
    // RabbitMQ: the reader found the new epoch and re-read from the rebuilt position. Kafka: the
    // group read on from its offsets, and the event ids kept the replayed records from counting twice.
    const stale = await counter(service.metrics, 'analytics_stream_messages_total', {
      outcome: 'stale',
    });
    if (kind === 'rabbitmq') expect(stale).toBeGreaterThan(0);
    else expect(stale).toBe(0);
  });

  test('a customer is refused: 403 problem', async () => {
    const res = await getJson(service.url, '/api/analytics/summary', customer('ada'));

    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
  });

  test('an anonymous caller is refused: 401 problem', async () => {
    const res = await getJson(service.url, '/api/analytics/summary');

    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
  });
});
