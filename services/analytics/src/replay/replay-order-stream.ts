import type { OrderFeedDeps } from '../stream/order-feed';
import { replayKafkaTopic } from './replay-kafka';
import { replayRabbitmqStream } from './replay-rabbitmq';
import type { ReplayResult } from './reset-aggregates';

export type { ReplayResult } from './reset-aggregates';

/**
 * `make analytics-replay`: wipes the analytics store and rebuilds it from the first offset of the
 * order log EVENT_STREAM names, to identical totals on either.
 */
export function replayOrderStream(
  deps: OrderFeedDeps,
  idleTimeoutMs = 30_000,
): Promise<ReplayResult> {
  return deps.stream === 'kafka'
    ? replayKafkaTopic(deps, idleTimeoutMs)
    : replayRabbitmqStream(deps, idleTimeoutMs);
}
