import { withTransaction, type Pool, type PoolClient } from '../db';

/**
 * Runs `work` in a transaction that also records `eventId` for `consumer`, and resolves with what
 * it returned: a redelivered event finds its id, changes nothing and resolves `undefined`. For a
 * handler that must do something outside the transaction first (a provider call, a lookup);
 * work that is only the transaction is the consumer's subscribeOnce, which batches.
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
