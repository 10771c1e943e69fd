import { withTransaction, type Pool } from '@shop/common';
import { ORDER_STREAM_CONSUMER } from '../events/order-projection';
import { clearAggregates } from '../store/aggregates-store';
import { readPosition, restartPosition } from '../store/stream-position';

/** Empties the aggregates and their processed event ids and starts a new epoch, atomically. */
export async function resetAggregates(
  pool: Pool,
): Promise<{ previous: number | null; epoch: number }> {
  return withTransaction(pool, async (tx) => {
    const position = await readPosition(tx, true);
    await clearAggregates(tx);
    await tx.query('DELETE FROM processed_events WHERE consumer = $1', [ORDER_STREAM_CONSUMER]);
    await restartPosition(tx);
    return { previous: position.lastOffset, epoch: position.epoch + 1 };
  });
}

/** Rejects when `restart()` is not called within `ms`; `stop()` ends it. */
export function idleTimer(ms: number, onIdle: () => void) {
  let timer = setTimeout(onIdle, ms);
  return {
    restart() {
      clearTimeout(timer);
      timer = setTimeout(onIdle, ms);
    },
    stop(then: () => void) {
      clearTimeout(timer);
      then();
    },
  };
}

/** What a replay did. */
export interface ReplayResult {
  /** The store's new epoch. */
  readonly epoch: number;
  /** Records this replay read from the log. */
  readonly messages: number;
  /** Where it stopped (`offset 5`, `offsets 0:3 1:2 2:0`); null: the log was empty. */
  readonly through: string | null;
}
