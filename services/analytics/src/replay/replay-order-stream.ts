import { withTransaction, type Pool } from '@shop/common';
import { Registry } from 'prom-client';
import { orderStreamHandler, ORDER_STREAM_CONSUMER } from '../events/order-projection';
import type { StreamConsumer } from '../events/stream-consumer';
import { orderStreamConsumer, type OrderStreamDeps } from '../events/subscriptions';
import { clearAggregates } from '../store/aggregates-store';
import { readPosition, restartPosition } from '../store/stream-position';

export interface ReplayResult {
  /** The store's new epoch. */
  readonly epoch: number;
  /** The offset the store had reached before, now reached again; null: the store was empty. */
  readonly throughOffset: number | null;
  /** Messages this replay read from the stream. */
  readonly messages: number;
}

/**
 * `make analytics-replay`: wipes the aggregates and rebuilds them from the first offset of the
 * order stream, up to the offset the store had reached (a running service reads on from there:
 * its next message finds the new epoch, so it re-subscribes from the rebuilt position).
 */
export async function replayOrderStream(
  deps: Omit<OrderStreamDeps, 'registry'>,
  idleTimeoutMs = 30_000,
): Promise<ReplayResult> {
  const { previous, epoch } = await resetAggregates(deps.pool);
  if (previous === null) return { epoch, throughOffset: null, messages: 0 };
  const registry = new Registry();
  const handle = orderStreamHandler(deps.pool, deps.log, registry);
  let messages = 0;
  let consumer: StreamConsumer | undefined;
  const caughtUp = new Promise<void>((resolve, reject) => {
    const idle = idleTimer(idleTimeoutMs, () =>
      reject(
        new Error(`no order stream message for ${idleTimeoutMs} ms before offset ${previous}`),
      ),
    );
    consumer = orderStreamConsumer({ ...deps, registry }, async (batch, at) => {
      idle.restart();
      const verdict = await handle(batch, at);
      messages += verdict === 'stale' ? 0 : batch.length;
      if (batch.at(-1)!.offset >= previous) idle.stop(resolve);
      return verdict;
    });
  });
  try {
    await consumer!.start();
    await caughtUp;
  } finally {
    await consumer!.stop();
  }
  return { epoch, throughOffset: previous, messages };
}

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

function idleTimer(ms: number, onIdle: () => void) {
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
