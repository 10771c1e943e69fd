import type { Broker, EventStreamKind, Logger, Pool, StreamReader } from '@shop/common';
import type { Registry } from 'prom-client';
import { kafkaOrderFeed } from './kafka-feed';
import { rabbitmqOrderFeed } from './rabbitmq-feed';

export interface OrderFeedDeps {
  readonly stream: EventStreamKind;
  readonly broker: Broker;
  readonly kafkaBrokers: readonly string[];
  readonly pool: Pool;
  readonly log: Logger;
  readonly registry: Registry;
  /** Prepended to the stream queue, the topic and the group (isolated runs). */
  readonly queuePrefix: string;
  /** Records per batch (one transaction). */
  readonly maxBatch: number;
  readonly retryDelayMs: number;
}

/** The order events from the log EVENT_STREAM names; the projection is the same for both. */
export function orderFeed(deps: OrderFeedDeps): StreamReader {
  return deps.stream === 'kafka' ? kafkaOrderFeed(deps) : rabbitmqOrderFeed(deps);
}
