import {
  appendCarried,
  forExchange,
  KickedRelay,
  publishEvents,
  UnroutableError,
  type Broker,
  type Logger,
  type StreamAppender,
} from '@shop/common';
import type { MongoOrderOutbox } from '../store/mongo-order-outbox';

export interface PendingEventRelayOptions {
  readonly outbox: Pick<MongoOrderOutbox, 'claimPendingEvents' | 'markPublished'>;
  readonly broker: Broker;
  /** A second log (Kafka) that gets the events it carries; events count as published once both have them. */
  readonly stream?: StreamAppender;
  readonly log: Logger;
  /** Orders taken per round. @default 100 */
  readonly batchSize?: number;
  /** Polling interval when nothing kicked the relay. @default 500 ms */
  readonly pollMs?: number;
  /** How long claimed events stay hidden from other relays; a failed publish retries after it. @default 5000 ms */
  readonly leaseMs?: number;
}

/**
 * Publishes the events the MongoDB outbox holds with its orders: claim a
 * batch, publish each order's events with confirms, forget the confirmed ones. Events whose
 * publish failed (broker gone, no queue bound) stay and come back when their lease ends.
 */
export class PendingEventRelay extends KickedRelay {
  constructor(private readonly options: PendingEventRelayOptions) {
    super({
      pollMs: options.pollMs,
      onError: (err) => options.log.warn({ err: String(err) }, 'pending event relay paused'),
    });
  }

  protected async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    while (this.loop.active && this.options.broker.connected) {
      if ((await this.publishRound(batchSize)) < batchSize) break;
    }
  }

  /** One round; returns how many orders' events it took. */
  private async publishRound(batchSize: number): Promise<number> {
    const { outbox, broker, stream, log } = this.options;
    const claimed = await outbox.claimPendingEvents(batchSize, this.options.leaseMs ?? 5000);
    const results = await Promise.allSettled(
      claimed.map((p) =>
        Promise.all([
          publishEvents(broker, forExchange(stream, p.events)),
          appendCarried(stream, p.events),
        ]),
      ),
    );
    await outbox.markPublished(claimed.filter((_, i) => results[i]?.status === 'fulfilled'));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const unroutable = failures.filter((e) => e instanceof UnroutableError);
    if (unroutable.length > 0) {
      log.warn(
        { orders: unroutable.length, err: String(unroutable[0]) },
        'events unroutable; kept',
      );
    }
    const failed = failures.find((e) => !(e instanceof UnroutableError));
    if (failed !== undefined) throw failed;
    return claimed.length;
  }
}
