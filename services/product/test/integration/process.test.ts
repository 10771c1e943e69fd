import { randomUUID } from 'node:crypto';
import { createEvent, createPool, type EventEnvelope, type Pool } from '@shop/common';
import {
  createStoreAndBusEnv,
  freePort,
  messageCount,
  startService,
  TcpProxy,
  TestEventBus,
  waitFor,
  type StoreAndBusEnv,
} from '@shop/common/testing';
import { QUERY_QUEUE } from '../../src/query/subscriptions';

// Runs the compiled service (`npx tsc --build` first), as `make demo` and the image do.
describe('the product service process', () => {
  let world: StoreAndBusEnv;
  let db: Pool;
  let bus: TestEventBus;
  beforeAll(async () => {
    world = await createStoreAndBusEnv('product_process', [QUERY_QUEUE]);
    db = createPool(world.env.DATABASE_URL!, 2);
    bus = await TestEventBus.start(world.env.EVENTS_EXCHANGE!, []);
  });
  afterAll(async () => {
    await bus?.stop();
    await db?.end();
    await world?.destroy();
  });

  const start = async (env: Record<string, string> = {}) =>
    startService('product', { ...world.env, PORT: String(await freePort()), ...env });
  const readyz = async (url: string) => (await fetch(`${url}/readyz`)).status;

  test('/readyz answers 503 while PostgreSQL is unreachable and 200 once it is back; SIGTERM exits 0', async () => {
    const link = new TcpProxy('127.0.0.1', 5432);
    const port = await link.start();
    const url = new URL(world.env.DATABASE_URL!);
    url.port = String(port);
    const service = await start({ DATABASE_URL: url.toString() });
    try {
      expect(await readyz(service.url)).toBe(200);

      await link.cut();
      await waitFor(async () => (await readyz(service.url)) === 503, {
        what: '/readyz to report the lost database',
      });
      await link.restore();
      await waitFor(async () => (await readyz(service.url)) === 200, {
        what: '/readyz to recover with the database',
      });
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    } finally {
      expect(await service.stop('SIGTERM')).toBe(0);
      await link.stop();
    }
  });

  test('SIGTERM with messages in flight: exit 0, and the next process handles the rest, each event once', async () => {
    const events = Array.from({ length: 400 }, () => productCreated());
    const first = await start();
    await bus.publish(events);
    expect(await first.stop('SIGTERM')).toBe(0);
    const handledByFirst = await count(db, events);

    const second = await start();
    try {
      await waitFor(async () => (await count(db, events)) === events.length, {
        timeoutMs: 30_000,
        what: 'every event projected',
      });
      const queue = `${world.env.EVENTS_QUEUE_PREFIX}${QUERY_QUEUE}`;
      expect(handledByFirst).toBeGreaterThan(0);
      expect(handledByFirst).toBeLessThan(events.length); // some were still queued or in flight
      expect(await messageCount(`${queue}.dlq`)).toBe(0);
      expect(await journaled(db, events)).toBe(events.length);
      // A second ack of one delivery closes the channel (PRECONDITION_FAILED); a handler cut
      // short would fail and retry: neither process may show either.
      for (const output of [first.output(), second.output()]) {
        expect(output).not.toMatch(
          /channel error|PRECONDITION_FAILED|message failed|dead-lettered/i,
        );
      }
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  });
});

function productCreated(): EventEnvelope {
  const productId = randomUUID();
  const at = new Date().toISOString();
  return createEvent(
    'product.created',
    {
      productId,
      name: `process ${productId.slice(0, 8)}`,
      description: 'from the process test',
      category: 'test',
      price: 100,
      currency: 'USD',
      version: 1,
      initialStock: 1,
      createdAt: at,
      updatedAt: at,
    },
    { source: 'product', correlationId: productId },
  );
}

async function count(db: Pool, events: readonly EventEnvelope[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM processed_events WHERE event_id = ANY($1::uuid[])',
    [events.map((e) => e.id)],
  );
  return rows[0]!.n;
}

async function journaled(db: Pool, events: readonly EventEnvelope[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM product_view_journal WHERE event_id = ANY($1::uuid[])',
    [events.map((e) => e.id)],
  );
  return rows[0]!.n;
}
