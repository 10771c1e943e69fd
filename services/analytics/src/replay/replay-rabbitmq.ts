import { Registry } from 'prom-client';
import type { StreamConsumer } from '../events/stream-consumer';
import type { OrderFeedDeps } from '../stream/order-feed';
import { rabbitmqOrderFeed, rabbitmqOrderHandler } from '../stream/rabbitmq-feed';
import { idleTimer, resetAggregates, type ReplayResult } from './reset-aggregates';

/**
 * Wipes the aggregates and rebuilds them from the first offset of the RabbitMQ stream, up to the
 * offset the store had reached (a running service reads on from there: its next message finds
 * the new epoch, so it re-subscribes from the rebuilt position).
 */
export async function replayRabbitmqStream(
  deps: OrderFeedDeps,
  idleTimeoutMs: number,
): Promise<ReplayResult> {
  const { previous, epoch } = await resetAggregates(deps.pool);
  if (previous === null) return { epoch, through: null, messages: 0 };
  const handle = rabbitmqOrderHandler(deps.pool, deps.log, new Registry());
  let messages = 0;
  let consumer: StreamConsumer | undefined;
  const caughtUp = new Promise<void>((resolve, reject) => {
    const idle = idleTimer(idleTimeoutMs, () =>
      reject(
        new Error(`no order stream message for ${idleTimeoutMs} ms before offset ${previous}`),
      ),
    );
    consumer = rabbitmqOrderFeed(deps, async (batch, at) => {
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
  return { epoch, through: `offset ${previous}`, messages };
}
