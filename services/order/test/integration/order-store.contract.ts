import { randomUUID } from 'node:crypto';
import { createEvent, type EventEnvelope } from '@shop/common';
import { newOrder } from '../../src/domain/order';
import { envelopes } from '../../src/events/outgoing';
import { onDeadline, onOutcome, startSaga } from '../../src/saga/decisions';
import type { SagaContext } from '../../src/saga/transitions';
import type { OrderStore, StoredOrder } from '../../src/store/order-store';

export interface StoreUnderTest {
  readonly store: OrderStore;
  /** The events the adapter's outbox holds for one order, oldest first (read directly). */
  pendingEvents(orderId: string): Promise<EventEnvelope[]>;
  cleanup(): Promise<void>;
}

const ctx = (now = new Date(), stepTimeoutMs = 60_000): SagaContext => ({
  mode: 'orchestration',
  now,
  stepTimeoutMs,
});

/** A new order as POST /api/orders builds it, with its first two events. */
export function draft(userId = `u-${randomUUID()}`, at = new Date(), stepTimeoutMs = 60_000) {
  const order = newOrder({
    id: randomUUID(),
    userId,
    at: at.toISOString(),
    items: [{ productId: 'p-1', name: 'Kettle', unitPrice: 2999, quantity: 1 }],
  });
  const start = startSaga(order, 'tok_visa', ctx(at, stepTimeoutMs));
  return { state: start.state, events: envelopes(start.messages, order.id) };
}

function reservedEvent(orderId: string) {
  return createEvent(
    'inventory.reserved',
    { orderId, items: [{ productId: 'p-1', quantity: 1 }] },
    { source: 'inventory', correlationId: orderId },
  );
}

/** The transition `inventory.reserved` causes, ready for the store. */
export function reserveTransition(from: StoredOrder) {
  const event = reservedEvent(from.order.id);
  const decision = onOutcome(from, event, ctx())!;
  return {
    from,
    to: decision.state,
    events: envelopes(decision.messages, from.order.id, event.id),
    causationId: event.id,
  };
}

/**
 * What every OrderStore adapter must do; run by one test file per adapter. How each outbox
 * is relayed is tested apart (the kit's OutboxRelay; mongo-order-outbox.test.ts).
 */
export function describeOrderStoreContract(name: string, open: () => Promise<StoreUnderTest>) {
  describe(`the ${name} order store`, () => {
    let subject: StoreUnderTest;
    let store: OrderStore;
    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(() => subject.cleanup());

    test('stores a new order at version 1 with its events pending', async () => {
      const { state, events } = draft();
      const result = await store.create({ state, events });

      expect(result).toEqual({ created: true, order: { ...state, version: 1 } });
      expect(await store.get(state.order.id)).toEqual({ ...state, version: 1 });
      const pending = await subject.pendingEvents(state.order.id);
      expect(pending).toEqual(events);
      expect(pending.map((e) => e.type)).toEqual(['order.created', 'inventory.reserve_stock']);
    });

    test('a transition applies at the current version only, with its events and event id', async () => {
      const { state, events } = draft();
      await store.create({ state, events });
      const v1 = (await store.get(state.order.id))!;
      const change = reserveTransition(v1);

      expect((await store.getForEvent(v1.order.id, change.causationId))?.processed).toBe(false);
      expect(await store.transition(change)).toBe(true);
      expect(await store.transition(change)).toBe(false);

      const v2 = await store.getForEvent(v1.order.id, change.causationId);
      expect(v2).toEqual({ order: { ...change.to, version: 2 }, processed: true });
      expect(await subject.pendingEvents(v1.order.id)).toEqual([...events, ...change.events]);
      expect((await store.getForEvent(v1.order.id, randomUUID()))?.processed).toBe(false);
    });

    test('getMany reads the orders that exist of those asked for, in one call', async () => {
      const [a, b] = [draft(), draft()];
      await store.create(a);
      await store.create(b);
      const found = await store.getMany([a.state.order.id, randomUUID(), b.state.order.id]);
      const byId = (x: StoredOrder, y: StoredOrder) => x.order.id.localeCompare(y.order.id);
      expect([...found].sort(byId)).toEqual(
        [
          { ...a.state, version: 1 },
          { ...b.state, version: 1 },
        ].sort(byId),
      );
      expect(await store.getMany([])).toEqual([]);
    });

    test('of concurrent transitions from the same version exactly one wins', async () => {
      const { state, events } = draft();
      await store.create({ state, events });
      const v1 = (await store.get(state.order.id))!;
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.transition(reserveTransition(v1))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.get(state.order.id))!.version).toBe(2);
    });

    test('an Idempotency-Key binds to the first order of its user', async () => {
      const userId = `u-${randomUUID()}`;
      const first = draft(userId);
      const idempotency = { key: 'key-1', requestHash: 'hash-1' };
      await store.create({ ...first, idempotency });

      const second = draft(userId);
      const repeat = await store.create({
        ...second,
        idempotency: { ...idempotency, requestHash: 'h2' },
      });
      expect(repeat).toEqual({
        created: false,
        order: { ...first.state, version: 1 },
        requestHash: 'hash-1',
      });
      expect(await store.get(second.state.order.id)).toBeUndefined();
      expect(await store.findByIdempotencyKey(userId, 'key-1')).toEqual({
        order: { ...first.state, version: 1 },
        requestHash: 'hash-1',
      });
      expect(await store.findByIdempotencyKey(userId, 'key-2')).toBeUndefined();
      const otherUser = draft();
      expect((await store.create({ ...otherUser, idempotency })).created).toBe(true);
    });

    test('concurrent creates with one key make one order', async () => {
      const userId = `u-${randomUUID()}`;
      const idempotency = { key: 'same', requestHash: 'h' };
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store.create({ ...draft(userId), idempotency })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.order.order.id)).size).toBe(1);
      expect((await store.listByUser(userId, 1, 10)).total).toBe(1);
    });

    test('orders without a key never collide', async () => {
      const userId = `u-${randomUUID()}`;
      await store.create(draft(userId));
      await store.create(draft(userId));
      expect((await store.listByUser(userId, 1, 10)).total).toBe(2);
    });

    test("lists a user's own orders newest first, a page at a time", async () => {
      const userId = `u-${randomUUID()}`;
      const t = Date.now();
      const drafts = [0, 1, 2].map((i) => draft(userId, new Date(t + i * 1000)));
      for (const d of drafts) await store.create(d);
      await store.create(draft());

      const page1 = await store.listByUser(userId, 1, 2);
      const page2 = await store.listByUser(userId, 2, 2);
      expect(page1.total).toBe(3);
      expect(page1.items.map((o) => o.id)).toEqual([
        drafts[2]!.state.order.id,
        drafts[1]!.state.order.id,
      ]);
      expect(page2.items.map((o) => o.id)).toEqual([drafts[0]!.state.order.id]);
      expect(page1.items[0]).toEqual(drafts[2]!.state.order);
      expect(await store.listByUser(`u-${randomUUID()}`, 1, 10)).toEqual({ items: [], total: 0 });
    });

    test('finds PENDING orders past their deadline, oldest first, and forgets them once final', async () => {
      const now = new Date();
      const early = draft(undefined, new Date(now.getTime() - 120_000), 1000);
      const late = draft(undefined, new Date(now.getTime() - 60_000), 1000);
      const notYet = draft(undefined, now, 60_000);
      for (const d of [late, early, notYet]) await store.create(d);

      const overdue = await store.findOverdue(now, 100);
      const ours = overdue.filter((id) =>
        [early, late, notYet].some((d) => d.state.order.id === id),
      );
      expect(ours).toEqual([early.state.order.id, late.state.order.id]);

      const from = (await store.get(early.state.order.id))!;
      const timedOut = onDeadline(from, ctx(now))!;
      await store.transition({ from, to: timedOut.state, events: [] });
      expect(await store.findOverdue(now, 100)).not.toContain(early.state.order.id);
      expect((await store.get(early.state.order.id))!.order.status).toBe('CANCELLED');
    });
  });
}
