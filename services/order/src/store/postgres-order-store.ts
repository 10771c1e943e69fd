import {
  addToOutbox,
  postgresReadiness,
  withTransaction,
  type Pool,
  type Queryable,
  type ReadinessCheck,
} from '@shop/common';
import type { Order } from '../domain/order';
import type { OrderState } from '../domain/saga-state';
import type {
  CreateResult,
  NewOrder,
  OrderStore,
  Page,
  StoredOrder,
  Transition,
} from './order-store';

/** The consumer name of the saga's handled events in the kit's processed_events table. */
export const SAGA_CONSUMER = 'order.saga';

interface OrderRow {
  document: OrderState;
  version: number;
}

const stored = (row: OrderRow): StoredOrder => ({ ...row.document, version: row.version });

/**
 * PostgreSQL adapter: an `orders` row per order, the kit's `outbox` for its events and
 * `processed_events` for handled event ids, each write one transaction. The kit's OutboxRelay
 * publishes the outbox.
 */
export class PostgresOrderStore implements OrderStore {
  constructor(private readonly pool: Pool) {}

  async create({ state, events, idempotency }: NewOrder): Promise<CreateResult> {
    const { order, saga } = state;
    const inserted = await withTransaction(this.pool, async (tx) => {
      const { rowCount } = await tx.query(
        `INSERT INTO orders (id, user_id, status, total, version, document, deadline,
           idempotency_key, request_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9, $10)
         ON CONFLICT ON CONSTRAINT orders_idempotency_key DO NOTHING`,
        [
          order.id,
          order.userId,
          order.status,
          order.total,
          JSON.stringify(state),
          saga.deadline,
          idempotency?.key ?? null,
          idempotency?.requestHash ?? null,
          order.createdAt,
          order.updatedAt,
        ],
      );
      if (rowCount === 1) await addToOutbox(tx, events);
      return rowCount === 1;
    });
    if (inserted) return { created: true, order: { ...state, version: 1 } };
    const earlier = await this.findByIdempotencyKey(order.userId, idempotency!.key);
    if (!earlier) throw new Error(`order ${order.id}: key conflict without an earlier order`);
    return { created: false, ...earlier };
  }

  async findByIdempotencyKey(userId: string, key: string) {
    const { rows } = await this.pool.query<OrderRow & { request_hash: string }>(
      `SELECT document, version, request_hash FROM orders
       WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    const row = rows[0];
    return row && { order: stored(row), requestHash: row.request_hash };
  }

  async get(id: string): Promise<StoredOrder | undefined> {
    const { rows } = await this.pool.query<OrderRow>(
      'SELECT document, version FROM orders WHERE id = $1',
      [id],
    );
    return rows[0] && stored(rows[0]);
  }

  async getMany(ids: readonly string[]): Promise<StoredOrder[]> {
    const { rows } = await this.pool.query<OrderRow>(
      'SELECT document, version FROM orders WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return rows.map(stored);
  }

  async getForEvent(id: string, eventId: string) {
    const { rows } = await this.pool.query<OrderRow & { processed: boolean }>(
      `SELECT document, version, EXISTS (SELECT 1 FROM processed_events
         WHERE consumer = $2 AND event_id = $3) AS processed
       FROM orders WHERE id = $1`,
      [id, SAGA_CONSUMER, eventId],
    );
    const row = rows[0];
    return row && { order: stored(row), processed: row.processed };
  }

  async listByUser(userId: string, page: number, pageSize: number): Promise<Page<Order>> {
    const [items, count] = await Promise.all([
      this.pool.query<{ order: Order }>(
        `SELECT document->'order' AS order FROM orders WHERE user_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [userId, pageSize, (page - 1) * pageSize],
      ),
      this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [
        userId,
      ]),
    ]);
    return { items: items.rows.map((r) => r.order), total: count.rows[0]?.n ?? 0 };
  }

  transition({ from, to, events, causationId }: Transition): Promise<boolean> {
    return withTransaction(this.pool, async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE orders SET status = $3, document = $4, deadline = $5, updated_at = $6,
           version = version + 1
         WHERE id = $1 AND version = $2`,
        [
          from.order.id,
          from.version,
          to.order.status,
          JSON.stringify(to),
          to.saga.deadline,
          to.order.updatedAt,
        ],
      );
      if (rowCount !== 1) return false;
      if (causationId) await markProcessed(tx, causationId);
      await addToOutbox(tx, events);
      return true;
    });
  }

  async findOverdue(now: Date, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM orders WHERE deadline <= $1 ORDER BY deadline LIMIT $2',
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  readiness(): ReadinessCheck {
    return postgresReadiness(this.pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function markProcessed(tx: Queryable, eventId: string): Promise<void> {
  await tx.query('INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)', [
    SAGA_CONSUMER,
    eventId,
  ]);
}
