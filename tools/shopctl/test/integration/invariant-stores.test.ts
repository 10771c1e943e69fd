import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createPool, ensureDatabase, KIT_MIGRATIONS_DIR, migrate, type Pool } from '@shop/common';
import { TEST_POSTGRES_URL, uniqueName } from '@shop/common/testing';
import { checkSnapshot } from '../../src/invariants/check';
import { readSnapshot } from '../../src/invariants/stores';
import { dropDatabases } from '../../src/runner/cleanup';

/** The readers against the services' real schemas: a renamed column fails here, not in e2e. */
const SERVICES = ['order', 'payment', 'inventory', 'notification'] as const;
const prefix = `${uniqueName('inv')}_`;
const pools = {} as Record<(typeof SERVICES)[number], Pool>;

beforeAll(async () => {
  for (const service of SERVICES) {
    const url = `${TEST_POSTGRES_URL}/${prefix}${service}`;
    await ensureDatabase(url);
    pools[service] = createPool(url, 2);
    const own = path.join(__dirname, '../../../../services', service, 'migrations');
    await migrate(pools[service], [KIT_MIGRATIONS_DIR, own]);
  }
});
afterAll(async () => {
  await Promise.all(SERVICES.map((s) => pools[s]?.end()));
  await dropDatabases(TEST_POSTGRES_URL, prefix);
});

const PRODUCT = 'product-1';

async function storeOrder(status: string, total: number, failureReason?: string): Promise<string> {
  const id = randomUUID();
  const items = [{ productId: PRODUCT, name: 'Mug', unitPrice: total, quantity: 1 }];
  const document = { order: { id, status, items, total, failureReason }, saga: { stage: 'done' } };
  await pools.order.query(
    `INSERT INTO orders (id, user_id, status, total, version, document, created_at, updated_at)
     VALUES ($1, 'u1', $2, $3, 3, $4, now(), now())`,
    [id, status, total, JSON.stringify(document)],
  );
  return id;
}

async function storeMoney(orderId: string, status: string, amount: number, refunded: boolean) {
  await pools.payment.query(
    `INSERT INTO payments (order_id, id, amount, status) VALUES ($1, $2, $3, $4)`,
    [orderId, randomUUID(), amount, status],
  );
  await pools.payment.query(
    `INSERT INTO provider_charges (idempotency_key, provider_ref, amount, approved, refunded_at)
     VALUES ($1, $2, $3, true, $4)`,
    [orderId, `ch_${orderId}`, amount, refunded ? new Date() : null],
  );
}

async function storeStockAndEmail(orderId: string, reservation: string, email: string) {
  await pools.inventory.query(
    `INSERT INTO reservations (order_id, status, lines) VALUES ($1, $2, $3)`,
    [orderId, reservation, JSON.stringify([{ productId: PRODUCT, quantity: 1 }])],
  );
  await pools.notification.query(
    `INSERT INTO notifications (id, event_id, kind, user_id, recipient, subject, order_id,
       body_text, body_html) VALUES ($1, $2, $3, 'u1', 'u1@example.com', 's', $4, 't', 'h')`,
    [randomUUID(), randomUUID(), email, orderId],
  );
}

test('a confirmed and a refunded cancelled order read back as facts that satisfy every invariant', async () => {
  const confirmed = await storeOrder('CONFIRMED', 500);
  const cancelled = await storeOrder('CANCELLED', 700, 'TIMEOUT');
  await storeMoney(confirmed, 'SUCCEEDED', 500, false);
  await storeMoney(cancelled, 'REFUNDED', 700, true);
  await storeStockAndEmail(confirmed, 'COMMITTED', 'order_confirmed');
  await storeStockAndEmail(cancelled, 'RELEASED', 'order_cancelled');
  await pools.inventory.query(
    `INSERT INTO stock (product_id, available, reserved, received, version)
     VALUES ($1, 9, 0, 10, 4)`,
    [PRODUCT],
  );

  const snapshot = await readSnapshot({ postgresUrl: TEST_POSTGRES_URL, databasePrefix: prefix });

  const line = [{ productId: PRODUCT, name: 'Mug', unitPrice: 500, quantity: 1 }];
  expect(snapshot.orders).toEqual(
    expect.arrayContaining([
      { id: confirmed, status: 'CONFIRMED', total: 500, items: line, failureReason: null },
      expect.objectContaining({ id: cancelled, status: 'CANCELLED', failureReason: 'TIMEOUT' }),
    ]),
  );
  expect(snapshot.payments).toEqual(
    expect.arrayContaining([
      { orderId: confirmed, charges: [500], refunds: [], status: 'SUCCEEDED' },
      { orderId: cancelled, charges: [700], refunds: [700], status: 'REFUNDED' },
    ]),
  );
  expect(snapshot.stock).toEqual([
    { productId: PRODUCT, available: 9, reserved: 0, madeAvailable: 10 },
  ]);
  expect(snapshot.reservations).toHaveLength(2);
  expect(snapshot.notifications).toHaveLength(2);
  expect(checkSnapshot(snapshot).violations).toEqual([]);
});

test('a shop without its saga stores is an error, not an empty shop', async () => {
  const snapshot = await readSnapshot({
    postgresUrl: TEST_POSTGRES_URL,
    databasePrefix: `${uniqueName('none')}_`,
  }).catch((err: Error) => err);
  expect(snapshot).toBeInstanceOf(Error);
});
