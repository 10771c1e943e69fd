import { randomUUID } from 'node:crypto';
import { getJson, KafkaProxy, TcpProxy, TEST_KAFKA_BROKERS, waitFor } from '@shop/common/testing';
import { anOrder } from './fixtures';
import {
  admin,
  counter,
  createWorld,
  ORDER_LOGS,
  startAnalytics,
  type AnalyticsService,
  type AnalyticsWorld,
  type Links,
} from './harness';

const product = randomUUID();
let world: AnalyticsWorld;
const started: AnalyticsService[] = [];
const proxies: Array<TcpProxy | KafkaProxy> = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  await Promise.all(proxies.splice(0).map((p) => p.stop()));
  await world.destroy();
});

async function link(port: number): Promise<TcpProxy> {
  const proxy = new TcpProxy('127.0.0.1', port);
  await proxy.start();
  proxies.push(proxy);
  return proxy;
}

/** A proxy in front of the shared Kafka broker that the client cannot go around. */
async function kafkaLink(): Promise<KafkaProxy> {
  const [host, port] = TEST_KAFKA_BROKERS[0]!.split(':');
  const proxy = new KafkaProxy(host!, Number(port));
  await proxy.start();
  proxies.push(proxy);
  return proxy;
}

/** The link to the broker the order log lives on. */
async function logLink(): Promise<{ proxy: TcpProxy | KafkaProxy; links: Links }> {
  if (world.log.kind === 'kafka') {
    const kafka = await kafkaLink();
    return { proxy: kafka, links: { kafka } };
  }
  const broker = await link(5672);
  return { proxy: broker, links: { broker } };
}

async function start(links: Links = {}) {
  const service = await startAnalytics(world, links);
  started.push(service);
  return service;
}

/** `n` orders of one unit each, every one confirmed: 2n messages. */
async function confirmedOrders(n: number): Promise<void> {
  const orders = Array.from({ length: n }, () =>
    anOrder(`user-${randomUUID()}`, [{ productId: product, quantity: 1, unitPrice: 100 }]),
  );
  await world.publishOrders(...orders.flatMap((o) => [o.created(), o.confirmed()]));
}

const summaryOf = async (service: AnalyticsService) =>
  (await getJson(service.url, '/api/analytics/summary', admin)).body;
const expected = (n: number) => ({
  orders: { total: n, confirmed: n, cancelled: 0 },
  revenue: n * 100,
  topProducts: [{ productId: product, quantity: n }],
});
const notReady = (service: AnalyticsService) => async () =>
  (await fetch(`${service.url}/readyz`)).status === 503;

describe.each(ORDER_LOGS)('the order feed from %s under faults', (kind) => {
  beforeEach(async () => {
    world = await createWorld(kind);
  });

  test('the broker goes away and comes back: reading resumes at the stored or committed offset, totals exact', async () => {
    const { proxy, links } = await logLink();
    const service = await start(links);
    await confirmedOrders(2);
    await service.caughtUp();

    await proxy.cut();
    await waitFor(notReady(service), { what: 'broker loss noticed' });
    await confirmedOrders(3); // the log keeps them while the service is cut off
    await proxy.restore();
    await service.caughtUp();

    expect(await summaryOf(service)).toEqual(expected(5));
    const outcome = (o: string) =>
      counter(service.metrics, 'analytics_stream_messages_total', { outcome: o });
    expect(await outcome('applied')).toBe(10);
    expect(await outcome('behind')).toBe(0);
  });

  test('the database goes away mid-stream: the failed message is read again once it is back', async () => {
    const database = await link(5432);
    const service = await start({ database });
    await confirmedOrders(1);
    await service.caughtUp();

    await database.cut();
    await confirmedOrders(2);
    const failed = () =>
      counter(service.metrics, 'analytics_stream_messages_total', { outcome: 'failed' });
    await waitFor(async () => (await failed()) > 0, { what: 'a failed message' });
    await database.restore();
    await service.caughtUp();

    expect(await summaryOf(service)).toEqual(expected(3));
  });

  test('two replicas reading the same stream into one store count every message once', async () => {
    const [one, two] = [await start(), await start()];

    await confirmedOrders(20);
    await Promise.all([one.caughtUp(), two.caughtUp()]);

    expect(await summaryOf(one)).toEqual(expected(20));
    const applied = async (s: AnalyticsService) =>
      counter(s.metrics, 'analytics_stream_messages_total', { outcome: 'applied' });
    expect((await applied(one)) + (await applied(two))).toBe(40);
  });
});
