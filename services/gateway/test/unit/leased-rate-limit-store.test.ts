import type { Options } from 'express-rate-limit';
import {
  LeasedRateLimitStore,
  type HitCount,
  type SharedHitCounter,
} from '../../src/edge/leased-rate-limit-store';

/** One in-memory store both replicas share, as PostgreSQL is in production. */
class MemoryCounter implements SharedHitCounter {
  adds = 0;
  failing = false;
  readonly hits = new Map<string, number>();
  private readonly resetTime = new Date(Date.now() + 60_000);

  async add(key: string, hits: number): Promise<HitCount> {
    this.adds += 1;
    await Promise.resolve();
    if (this.failing) throw new Error('store down');
    const total = (this.hits.get(key) ?? 0) + hits;
    this.hits.set(key, total);
    return { total, resetTime: this.resetTime };
  }

  async remove(key: string, hits: number): Promise<void> {
    this.hits.set(key, Math.max(0, (this.hits.get(key) ?? 0) - hits));
  }

  async reset(key: string): Promise<void> {
    this.hits.delete(key);
  }
}

function replica(counter: SharedHitCounter, limit: number, maxLease = 50) {
  const store = new LeasedRateLimitStore(counter, maxLease);
  store.init({ windowMs: 60_000, limit } as Options);
  return store;
}

/** Whether each hit was admitted: express-rate-limit admits while totalHits <= limit. */
async function spend(stores: LeasedRateLimitStore[], hits: number, limit: number) {
  let admitted = 0;
  for (let i = 0; i < hits; i += 1) {
    const { totalHits } = await stores[i % stores.length]!.increment('client');
    if (totalHits <= limit) admitted += 1;
  }
  return admitted;
}

describe('LeasedRateLimitStore', () => {
  test('two replicas together admit no more than the limit, and at most their leases fewer', async () => {
    const counter = new MemoryCounter();
    const stores = [replica(counter, 100), replica(counter, 100)];

    const admitted = await spend(stores, 300, 100);

    expect(admitted).toBeLessThanOrEqual(100);
    // Each replica holds at most two leases of a tenth of what was left (10) unspent.
    expect(admitted).toBeGreaterThanOrEqual(100 - 2 * 2 * 10);
  });

  test('far from the limit, one store update per lease instead of one per request', async () => {
    const counter = new MemoryCounter();
    const store = replica(counter, 1_000_000, 50);

    expect(await spend([store], 1000, 1_000_000)).toBe(1000);

    expect(counter.adds).toBeLessThanOrEqual(1000 / 50 + 2);
    expect(counter.hits.get('rl:client')).toBeGreaterThanOrEqual(1000);
  });

  test('near the limit every hit is counted in the store at once, so a small limit is exact', async () => {
    const counter = new MemoryCounter();
    const stores = [replica(counter, 5), replica(counter, 5)];

    expect(await spend(stores, 6, 5)).toBe(5);

    expect(counter.adds).toBe(6);
  });

  test('requests arriving together wait for one lease', async () => {
    const counter = new MemoryCounter();
    const store = replica(counter, 1_000_000, 50);

    const infos = await Promise.all(Array.from({ length: 16 }, () => store.increment('client')));

    expect(counter.adds).toBe(1);
    expect(new Set(infos.map((i) => i.totalHits)).size).toBe(16);
  });

  test('a store that fails rejects (the limiter lets the request through) and is asked again', async () => {
    const counter = new MemoryCounter();
    const store = replica(counter, 5);
    counter.failing = true;

    await expect(store.increment('client')).rejects.toThrow('store down');

    counter.failing = false;
    expect((await store.increment('client')).totalHits).toBe(1);
  });
});
