import { randomUUID } from 'node:crypto';
import { createPool, type Pool } from '@shop/common';
import {
  freePort,
  getJson,
  KafkaProxy,
  metricValue,
  startService,
  TEST_KAFKA_BROKERS,
  waitFor,
  type RunningService,
} from '@shop/common/testing';
import { ORDER_STREAM_CONSUMER } from '../../src/events/order-projection';
import { anOrder } from './fixtures';
import {
  admin,
  caughtUp,
  createWorld,
  ORDER_LOGS,
  serviceEnv,
  type AnalyticsWorld,
} from './harness';

/**
 * The analytics process killed (SIGKILL) in the middle of a batch, then started again: it resumes
 * from the position it committed, applies the rest once, and the totals come out exact.
 */

const ORDERS = 1500; // 3,000 events, read in batches of 20
const EVENTS = 2 * ORDERS;
const product = randomUUID();
let world: AnalyticsWorld;
let db: Pool;
let env: Record<string, string>;

async function start(): Promise<RunningService> {
  const port = String(await freePort());
  return startService('analytics', { ...env, ANALYTICS_STREAM_PREFETCH: '20', PORT: port });
}

/** The stream queue exists once a consumer declared it; then the orders, all confirmed. */
async function fillTheLog(): Promise<void> {
  expect(await (await start()).stop('SIGTERM')).toBe(0);
  const orders = Array.from({ length: ORDERS }, (_, i) =>
    anOrder(`user-${i}`, [{ productId: product, quantity: 1, unitPrice: 100 }]),
  );
  await world.publishOrders(...orders.flatMap((o) => [o.created(), o.confirmed()]));
}

/** Order events the store has committed, each once by event id. */
async function applied(): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM processed_events WHERE consumer = $1',
    [ORDER_STREAM_CONSUMER],
  );
  return Number(rows[0]!.n);
}

/** Starts the service and, once half the events are in, has its next batch wait mid-transaction. */
async function startAndBlockABatch(): Promise<{
  service: RunningService;
  release(): Promise<void>;
}> {
  const service = await start();
  await waitFor(async () => (await applied()) >= ORDERS, {
    what: 'half the events',
    intervalMs: 10,
  });
  // Every event updates the one totals row: a batch reaching it waits for this lock.
  const holder = await db.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM order_totals FOR UPDATE');
  const waiting = `SELECT 1 FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  await waitFor(async () => ((await db.query(waiting)).rowCount ?? 0) > 0, {
    what: 'a batch waiting on the totals row',
  });
  return {
    service,
    async release() {
      await holder.query('ROLLBACK');
      holder.release();
    },
  };
}

/** A new process reads from the committed position: past `kept` events, `committed` of them. */
async function restartAndCheck(kept: number, committed: number): Promise<void> {
  const service = await start();
  try {
    await caughtUp(world, db);
    expect((await getJson(service.url, '/api/analytics/summary', admin)).body).toEqual({
      orders: { total: ORDERS, confirmed: ORDERS, cancelled: 0 },
      revenue: ORDERS * 100,
      topProducts: [{ productId: product, quantity: ORDERS }],
    });
    expect(await applied()).toBe(EVENTS);
    const outcome = (o: string) =>
      metricValue(service.url, 'analytics_stream_messages_total', { outcome: o });
    expect(await outcome('applied')).toBe(EVENTS - kept);
    // Events applied past the committed position are read again and counted as duplicates.
    expect(await outcome('duplicate')).toBe(kept - committed);
  } finally {
    expect(await service.stop('SIGTERM')).toBe(0);
  }
}

describe.each(ORDER_LOGS)('the analytics process killed mid-batch on %s', (kind) => {
  beforeEach(async () => {
    world = await createWorld(kind);
    db = createPool(world.databaseUrl, 2);
    env = serviceEnv(world);
  });
  afterEach(async () => {
    await db.end();
    await world.destroy();
  });

  test('killed inside a batch transaction: it rolls back, the next start reads it again from the committed position', async () => {
    await fillTheLog();
    const { service, release } = await startAndBlockABatch();

    expect(await service.stop('SIGKILL')).toBeNull();
    await release();
    const kept = await applied();
    const committed = await world.log.committed(db);

    expect(kept).toBeLessThan(EVENTS);
    expect(committed).toBe(kept); // the position moves with the batch that committed
    await restartAndCheck(kept, committed);
  });
});

describe('the analytics process killed mid-batch on kafka', () => {
  let proxy: KafkaProxy;
  beforeEach(async () => {
    world = await createWorld('kafka');
    db = createPool(world.databaseUrl, 2);
    const [host, port] = TEST_KAFKA_BROKERS[0]!.split(':');
    proxy = new KafkaProxy(host!, Number(port));
    await proxy.start();
    env = serviceEnv(world, [proxy.address]);
  });
  afterEach(async () => {
    await proxy.stop();
    await db.end();
    await world.destroy();
  });

  test('killed after its batch committed but before its offsets did: the next start skips the batch by event id', async () => {
    await fillTheLog();
    const { service, release } = await startAndBlockABatch();
    const before = await applied();

    await proxy.cut(); // the offset commit after this batch cannot reach the broker
    await release();
    await waitFor(async () => (await applied()) > before, { what: 'the batch committed' });
    expect(await service.stop('SIGKILL')).toBeNull();
    const kept = await applied();
    const committed = await world.log.committed(db);

    expect(committed).toBeLessThan(kept);
    await proxy.restore();
    await restartAndCheck(kept, committed);
  });
});
