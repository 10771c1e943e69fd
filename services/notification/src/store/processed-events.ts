import type { Queryable } from '@shop/common';

/** Whether `consumer` already recorded `eventId` (the kit's `applyOnce()` writes the rows). */
export async function wasProcessed(
  db: Queryable,
  consumer: string,
  eventId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2',
    [consumer, eventId],
  );
  return rowCount === 1;
}
