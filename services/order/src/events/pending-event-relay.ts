import { publishEvents, UnroutableError, type Broker, type Logger } from '@shop/common';
import type { OrderStore } from '../store/order-store';

export interface PendingEventRelayOptions {
  readonly store: Pick<OrderStore, 'claimPendingEvents' | 'markPublished'>;
  readonly broker: Broker;
  readonly log: Logger;
  /** Orders taken per round. @default 100 */
  readonly batchSize?: number;
  /** Polling interval when nothing kicked the relay. @default 500 ms */
  readonly pollMs?: number;
  /** How long claimed events stay hidden from other relays; a failed publish retries after it. @default 5000 ms */
  readonly leaseMs?: number;
}

/**
 * Publishes the events an OrderStore holds with its orders (the MongoDB outbox): claim a
 * batch, publish each order's events with confirms, forget the confirmed ones. Events whose
 * publish failed (broker gone, no queue bound) stay and come back when their lease ends.
 */
export class PendingEventRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(private readonly options: PendingEventRelayOptions) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Publishes soon; coalesces calls while a round is running. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    try {
      while (!this.stopped && this.options.broker.connected) {
        if ((await this.publishRound(batchSize)) < batchSize) break;
      }
    } catch (err) {
      this.options.log.warn({ err: String(err) }, 'pending event relay paused');
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => this.kick(), this.options.pollMs ?? 500);
      this.timer.unref();
    }
  }

  /** One round; returns how many orders' events it took. */
  private async publishRound(batchSize: number): Promise<number> {
    const { store, broker, log } = this.options;
    const claimed = await store.claimPendingEvents(batchSize, this.options.leaseMs ?? 5000);
    const results = await Promise.allSettled(claimed.map((p) => publishEvents(broker, p.events)));
    await store.markPublished(claimed.filter((_, i) => results[i]?.status === 'fulfilled'));
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
