import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@shop/common';
import type { Collection } from 'mongodb';
import type { KeyedSerializer } from './keyed-serializer';
import type { OrderDocument } from './mongo-order-document';

const CAS_ATTEMPTS = 5;

/** Events stored with one order and not yet confirmed by the broker. */
export interface PendingEvents {
  readonly orderId: string;
  readonly events: readonly EventEnvelope[];
}

/**
 * The MongoDB outbox: each order document's `pendingEvents`, claimed by a relay with a lease
 * (`relayAfter`, `relayClaim`) and removed once published. It shares the store's serializer,
 * so its rewrites of one order never overlap the store's transitions in this process.
 */
export class MongoOrderOutbox {
  constructor(
    private readonly orders: Collection<OrderDocument>,
    private readonly serialized: KeyedSerializer,
  ) {}

  /**
   * Takes up to `limit` orders' pending events for publishing, hiding them from other relays
   * for `leaseMs` (after a crash they come back then).
   */
  async claimPendingEvents(limit: number, leaseMs: number): Promise<PendingEvents[]> {
    const now = new Date();
    const due = await this.orders
      .find({ relayAfter: { $lte: now } }, { projection: { _id: 1 } })
      .sort({ relayAfter: 1 })
      .limit(limit)
      .toArray();
    if (due.length === 0) return [];
    const ids = due.map((d) => d._id);
    const claim = randomUUID();
    const lease = { relayAfter: new Date(now.getTime() + leaseMs), relayClaim: claim };
    await Promise.all(
      ids.map((_id) =>
        this.serialized.run(_id, () =>
          this.orders.updateOne({ _id, relayAfter: { $lte: now } }, { $set: lease }),
        ),
      ),
    );
    const claimed = await this.orders
      .find({ _id: { $in: ids }, relayClaim: claim }, { projection: { pendingEvents: 1 } })
      .toArray();
    return claimed.map((d) => ({ orderId: d._id, events: d.pendingEvents }));
  }

  /** Forgets events the broker confirmed. */
  async markPublished(published: readonly PendingEvents[]): Promise<void> {
    await Promise.all(published.map((p) => this.removePending(p)));
  }

  /** Rewrites the array without the published events, unless a transition appended meanwhile. */
  private removePending({ orderId, events }: PendingEvents): Promise<void> {
    const ids = new Set(events.map((e) => e.id));
    return this.serialized.run(orderId, async () => {
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const doc = await this.orders.findOne(
          { _id: orderId },
          { projection: { pendingEvents: 1, version: 1 } },
        );
        if (!doc) return;
        const remaining = doc.pendingEvents.filter((e) => !ids.has(e.id));
        const result = await this.orders.updateOne(
          { _id: orderId, version: doc.version },
          { $set: { pendingEvents: remaining, relayAfter: remaining.length ? new Date() : null } },
        );
        if (result.matchedCount === 1) return;
      }
      // Still pending: published again after the lease, which consumers absorb (at least once).
    });
  }
}
