import { detached, type Logger } from '@shop/common';
import type { OrderStore, StoredOrder } from '../store/order-store';

/** Someone following one order: each newer version, then the end of the feed (shutdown). */
export interface OrderFollower {
  next(order: StoredOrder): void;
  end(): void;
}

export interface OrderFeedOptions {
  readonly store: Pick<OrderStore, 'getMany'>;
  /** How often the orders being followed are read again (changes other replicas made). */
  readonly pollMs: number;
  readonly log: Logger;
}

interface Followed {
  latest: StoredOrder;
  readonly followers: Set<OrderFollower>;
}

/**
 * The order changes the live streams (`GET /api/orders/:id/events`) pass on. A change this
 * process made is delivered as it commits (`changed`); any other replica's change is found by
 * one batched read of every followed order each `pollMs`, running only while someone follows.
 * Both paths can see the same version: a follower gets each version once, newest only (two
 * changes within one poll arrive as the later one, whose `steps` still list both).
 */
export class OrderFeed {
  private readonly followed = new Map<string, Followed>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(private readonly options: OrderFeedOptions) {}

  /** How many orders someone follows. */
  get size(): number {
    return this.followed.size;
  }

  /** Passes `follower` every version of the order newer than `from`; the result unfollows. */
  follow(from: StoredOrder, follower: OrderFollower): () => void {
    const id = from.order.id;
    const entry = this.followed.get(id) ?? { latest: from, followers: new Set() };
    this.followed.set(id, entry);
    entry.followers.add(follower);
    // Others following the order may have seen a newer version already: this one catches up.
    const { latest } = entry;
    if (latest.version > from.version) queueMicrotask(() => follower.next(latest));
    // The feed's polls serve every follower: they belong to no one request's trace.
    this.timer ??= detached(() => setInterval(() => void this.poll(), this.options.pollMs)).unref();
    return () => this.unfollow(id, follower);
  }

  /** A change this process committed: its followers get it now. */
  changed(order: StoredOrder): void {
    const entry = this.followed.get(order.order.id);
    if (!entry || order.version <= entry.latest.version) return;
    entry.latest = order;
    for (const follower of [...entry.followers]) follower.next(order);
  }

  /** Ends every follower (the service is stopping) and stops polling. */
  close(): void {
    for (const entry of [...this.followed.values()]) {
      for (const follower of [...entry.followers]) follower.end();
    }
    this.followed.clear();
    this.stopPolling();
  }

  private unfollow(id: string, follower: OrderFollower): void {
    const entry = this.followed.get(id);
    if (!entry) return;
    entry.followers.delete(follower);
    if (entry.followers.size === 0) this.followed.delete(id);
    if (this.followed.size === 0) this.stopPolling();
  }

  private stopPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling || this.followed.size === 0) return;
    this.polling = true;
    try {
      const orders = await this.options.store.getMany([...this.followed.keys()]);
      for (const order of orders) this.changed(order);
    } catch (err) {
      this.options.log.warn({ err }, 'order feed poll failed');
    } finally {
      this.polling = false;
    }
  }
}
