import path from 'node:path';
import { createPool, KIT_MIGRATIONS_DIR, migrate, type EventEnvelope } from '@shop/common';
import { createTestDatabase } from '@shop/common/testing';
import { PostgresOrderStore } from '../../src/store/postgres-order-store';
import { describeOrderStoreContract } from './order-store.contract';

describeOrderStoreContract('PostgreSQL', async () => {
  const db = await createTestDatabase('order_store');
  const pool = createPool(db.url, 10);
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '../../migrations')]);
  const store = new PostgresOrderStore(pool);
  return {
    store,
    async pendingEvents(orderId) {
      const { rows } = await pool.query<{ envelope: EventEnvelope }>(
        "SELECT envelope FROM outbox WHERE envelope->>'correlationId' = $1 ORDER BY seq",
        [orderId],
      );
      return rows.map((r) => r.envelope);
    },
    async cleanup() {
      await store.close();
      await db.drop();
    },
  };
});
