import { withTransaction, type Pool, type PoolClient } from '../db';
import type { EventData, EventType } from './contracts';
import type { EventHandler } from './consumer';
import type { EventEnvelope } from './envelope';

export type TransactionalHandler<T extends EventType> = (
  event: EventEnvelope<T> & { data: EventData<T> },
  tx: PoolClient,
) => Promise<void>;

/**
 * Runs `work` in a transaction that also records `eventId` for `consumer`, and resolves with what
 * it returned: a redelivered event finds its id, changes nothing and resolves `undefined`.
 */
export function applyOnce<R>(
  pool: Pool,
  consumer: string,
  eventId: string,
  work: (tx: PoolClient) => Promise<R>,
): Promise<R | undefined> {
  return withTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query(
      `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING`,
      [consumer, eventId],
    );
    return rowCount === 1 ? work(tx) : undefined;
  });
}

/** A handler that runs `handle` once per event id for `consumer` (applyOnce). */
export function idempotent<T extends EventType>(
  pool: Pool,
  consumer: string,
  handle: TransactionalHandler<T>,
): EventHandler<T> {
  return async (event) => {
    await applyOnce(pool, consumer, event.id, (tx) => handle(event, tx));
  };
}
