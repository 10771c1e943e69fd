import { withTransaction, type Pool, type PoolClient } from '../db';
import type { EventData, EventType } from './contracts';
import type { EventHandler } from './consumer';
import type { EventEnvelope } from './envelope';

export type TransactionalHandler<T extends EventType> = (
  event: EventEnvelope<T> & { data: EventData<T> },
  tx: PoolClient,
) => Promise<void>;

/**
 * Runs `handle` in a transaction that also records the event id for `consumer`: a
 * redelivered event finds its id and changes nothing (effects exactly once).
 */
export function idempotent<T extends EventType>(
  pool: Pool,
  consumer: string,
  handle: TransactionalHandler<T>,
): EventHandler<T> {
  return (event) =>
    withTransaction(pool, async (tx) => {
      const { rowCount } = await tx.query(
        `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING`,
        [consumer, event.id],
      );
      if (rowCount === 1) await handle(event, tx);
    });
}
