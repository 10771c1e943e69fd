import { uniqueName, waitFor } from '@shop/common/testing';
import { MongoClient } from 'mongodb';
import { MongoOrderStore } from '../../src/store/mongo-order-store';
import { draft, reserveTransition } from './order-store.contract';

/** MongoDB cannot run on the CI machines; FerretDB (make mongo-up) stands in for it. */
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/';
const database = uniqueName('order_outbox');
let store: MongoOrderStore;

beforeAll(async () => {
  store = await MongoOrderStore.open(MONGO_URL, database);
});
afterAll(async () => {
  await store.close();
  const client = await MongoClient.connect(MONGO_URL);
  await client.db(database).dropDatabase();
  await client.close();
});

describe('the MongoDB outbox (pending events in the order documents)', () => {
  /** Claims everything pending and marks it published: a clean slate for the next test. */
  async function drainPending() {
    for (;;) {
      const claimed = await store.outbox.claimPendingEvents(1000, 60_000);
      if (claimed.length === 0) return;
      await store.outbox.markPublished(claimed);
    }
  }

  test("hands a new order's events to the relay, grouped by order", async () => {
    await drainPending();
    const { state, events } = draft();
    await store.create({ state, events });

    expect(await store.outbox.claimPendingEvents(10, 60_000)).toEqual([
      { orderId: state.order.id, events },
    ]);
  });

  test('claimed events stay hidden until their lease ends, and published ones are gone', async () => {
    await drainPending();
    const { state, events } = draft();
    await store.create({ state, events });

    const first = await store.outbox.claimPendingEvents(10, 300);
    expect(first.map((p) => p.orderId)).toEqual([state.order.id]);
    expect(await store.outbox.claimPendingEvents(10, 300)).toEqual([]);
    const again = await waitFor(
      async () => {
        const claimed = await store.outbox.claimPendingEvents(10, 60_000);
        return claimed.length > 0 && claimed;
      },
      { what: 'lease expiry' },
    );
    expect(again).toEqual(first);

    await store.outbox.markPublished(again);
    expect(await store.outbox.claimPendingEvents(10, 0)).toEqual([]);
  });

  test('events a transition adds after a claim survive publishing the claimed ones', async () => {
    await drainPending();
    const { state, events } = draft();
    await store.create({ state, events });
    const claimed = await store.outbox.claimPendingEvents(10, 60_000);
    const change = reserveTransition((await store.get(state.order.id))!);
    expect(await store.transition(change)).toBe(true);

    await store.outbox.markPublished(claimed);
    const left = await waitFor(
      async () => {
        const next = await store.outbox.claimPendingEvents(10, 60_000);
        return next.length > 0 && next;
      },
      { what: 'the transition events' },
    );
    expect(left).toEqual([{ orderId: state.order.id, events: change.events }]);
    await store.outbox.markPublished(left);
  });
});
