import { errorText, loadKafka, topicEnds, type KafkaModule } from '@shop/common';
import { Registry } from 'prom-client';
import { kafkaOrderFeed, kafkaOrderHandler, kafkaTarget } from '../stream/kafka-feed';
import type { OrderFeedDeps } from '../stream/order-feed';
import { idleTimer, resetAggregates, type ReplayResult } from './reset-aggregates';

/**
 * Wipes the aggregates and rebuilds them from the first offset of every partition of the topic,
 * up to the end offsets it had when the replay began, as a group of its own (the service's
 * group `analytics` keeps its offsets). A running service goes on meanwhile: whichever of the
 * two applies an event first counts it, the event id makes the other one a no-op.
 */
export async function replayKafkaTopic(
  deps: OrderFeedDeps,
  idleTimeoutMs: number,
): Promise<ReplayResult> {
  const kafka = await loadKafka();
  const target = kafkaTarget(deps);
  const ends = await topicEnds(kafka, target);
  const { epoch } = await resetAggregates(deps.pool);
  const through = [...ends].map(([p, end]) => `${p}:${end - 1}`).join(' ');
  if ([...ends.values()].every((end) => end === 0)) return { epoch, through: null, messages: 0 };
  const groupId = `${deps.queuePrefix}analytics-replay-${epoch}-${Date.now()}`;
  const handle = kafkaOrderHandler(deps.pool, deps.log, new Registry());
  const reached = new Map([...ends].filter(([, end]) => end > 0).map(([p, end]) => [p, end - 1]));
  let messages = 0;
  let stop: () => Promise<void> = async () => undefined;
  await new Promise<void>((resolve, reject) => {
    const idle = idleTimer(idleTimeoutMs, () =>
      reject(new Error(`no order record for ${idleTimeoutMs} ms before offsets ${through}`)),
    );
    const reader = kafkaOrderFeed(deps, {
      groupId,
      from: 'earliest',
      handle: async (records) => {
        idle.restart();
        const verdict = await handle(records);
        messages += records.length;
        for (const r of records)
          if ((reached.get(r.partition) ?? 0) <= r.offset) reached.delete(r.partition);
        if (reached.size === 0) idle.stop(resolve);
        return verdict;
      },
    });
    stop = () => reader.stop();
    reader.start().catch(reject);
  }).finally(() => stop());
  await deleteGroup(kafka, deps, groupId);
  return { epoch, through: `offsets ${through}`, messages };
}

async function deleteGroup(kafka: KafkaModule, deps: OrderFeedDeps, groupId: string) {
  const admin = new kafka.Admin({
    clientId: 'analytics-replay',
    bootstrapBrokers: [...deps.kafkaBrokers],
  });
  try {
    await admin.deleteGroups({ groups: [groupId] });
  } catch (err) {
    deps.log.warn({ groupId, err: errorText(err) }, 'replay group left behind');
  } finally {
    await admin.close().catch(() => undefined);
  }
}
