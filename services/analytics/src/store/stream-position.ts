import type { Queryable } from '@shop/common';

/** Where the consumer stands in the order stream (table stream_position). */
export interface StreamPosition {
  /** Bumped by every replay; a consumer reading under an older epoch must re-subscribe. */
  readonly epoch: number;
  /** The last offset applied in this epoch; null: nothing yet, read from the first offset. */
  readonly lastOffset: number | null;
}

const STREAM = 'orders';

/** The position; `forUpdate` (in a transaction) also serializes concurrent consumers. */
export async function readPosition(db: Queryable, forUpdate = false): Promise<StreamPosition> {
  const { rows } = await db.query<{ epoch: number; last_offset: string | null }>(
    `SELECT epoch, last_offset FROM stream_position WHERE stream = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [STREAM],
  );
  const row = rows[0];
  if (!row) throw new Error(`stream_position has no row for ${STREAM}`);
  return {
    epoch: row.epoch,
    lastOffset: row.last_offset === null ? null : Number(row.last_offset),
  };
}

export async function advancePosition(tx: Queryable, offset: number): Promise<void> {
  await tx.query(
    'UPDATE stream_position SET last_offset = $2, updated_at = now() WHERE stream = $1',
    [STREAM, offset],
  );
}

/** Starts a new epoch from the first offset of the stream. */
export async function restartPosition(tx: Queryable): Promise<void> {
  await tx.query(
    `UPDATE stream_position SET epoch = epoch + 1, last_offset = NULL, updated_at = now()
     WHERE stream = $1`,
    [STREAM],
  );
}
