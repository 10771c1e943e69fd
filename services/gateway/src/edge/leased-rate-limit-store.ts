import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';

/** A key's count in the shared store and when its window ends. */
export interface HitCount {
  readonly total: number;
  readonly resetTime: Date;
}

/** Hit counts every gateway replica shares: fixed windows, each change atomic. */
export interface SharedHitCounter {
  /** Adds `hits` to the key's window (a window that has run out starts over). */
  add(key: string, hits: number, windowMs: number): Promise<HitCount>;
  remove(key: string, hits: number): Promise<void>;
  reset(key: string): Promise<void>;
}

/** Positions in a key's window that the shared store counted for this replica to spend. */
interface Lease {
  resetTime: Date;
  /** The store's count when the newest positions were reserved. */
  total: number;
  /** Unspent positions, oldest first: `[next, last]` each. */
  readonly ranges: [number, number][];
  unspent: number;
}

/** A lease takes at most this share of what was left of the key's budget. */
const LEASE_SHARE = 10;

/**
 * express-rate-limit's counters in a store every replica shares, without a round trip per
 * request: a replica reserves a lease of hits for a key in one atomic add (at most `maxLease`,
 * at most a tenth of what the store says is left, one near the limit) and spends it locally,
 * reserving the next lease in the background once half is spent. Each hit is a position the
 * store counted, admitted when within the limit, so the replicas together never admit more
 * than the limit in a window. The price: a client can be refused early by the hits other
 * replicas hold unspent (each at most 2 x `maxLease`, and a tenth of what was left). A failed
 * add rejects: the limiter fails open.
 */
export class LeasedRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix = 'rl:';
  private windowMs = 60_000;
  private limit = 1;
  private readonly leases = new Map<string, Lease>();
  private readonly reserving = new Map<string, Promise<unknown>>();
  private sweptAt = Date.now();

  constructor(
    private readonly counter: SharedHitCounter,
    private readonly maxLease: number,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    // A limit per request (a function) leaves no budget to lease from: every hit goes to the store.
    this.limit = typeof options.limit === 'number' ? options.limit : 1;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    for (;;) {
      const lease = this.current(key);
      if (lease && lease.unspent > 0) return this.spend(key, lease);
      await (this.reserving.get(key) ?? this.reserve(key, lease));
    }
  }

  async decrement(key: string): Promise<void> {
    await this.counter.remove(this.prefix + key, 1);
  }

  async resetKey(key: string): Promise<void> {
    this.leases.delete(key);
    await this.counter.reset(this.prefix + key);
  }

  private current(key: string): Lease | undefined {
    const lease = this.leases.get(key);
    return lease && lease.resetTime.getTime() > Date.now() ? lease : undefined;
  }

  private spend(key: string, lease: Lease): ClientRateLimitInfo {
    const range = lease.ranges[0]!;
    const position = range[0]++;
    if (range[0] > range[1]) lease.ranges.shift();
    lease.unspent -= 1;
    const size = this.leaseSize(lease);
    // Ahead of need while far from the limit (near it a lease held is budget refused to others);
    // a failure here is the next reservation's to report.
    if (size > 1 && lease.unspent * 2 < size && !this.reserving.has(key)) {
      this.reserve(key, lease).catch(() => undefined);
    }
    return { totalHits: position, resetTime: lease.resetTime };
  }

  private leaseSize(lease: Lease | undefined): number {
    const left = this.limit - (lease?.total ?? 0);
    return Math.max(1, Math.min(this.maxLease, Math.floor(left / LEASE_SHARE)));
  }

  /** One add of a lease's worth of hits; its positions join the key's lease. */
  private reserve(key: string, lease: Lease | undefined): Promise<unknown> {
    this.sweep();
    const size = this.leaseSize(lease);
    const reserved = this.counter.add(this.prefix + key, size, this.windowMs).then((count) => {
      const range: [number, number] = [count.total - size + 1, count.total];
      const held = this.current(key);
      if (held && held.resetTime.getTime() === count.resetTime.getTime()) {
        held.ranges.push(range);
        held.unspent += size;
        held.total = count.total;
      } else {
        this.leases.set(key, { ...count, ranges: [range], unspent: size });
      }
    });
    this.reserving.set(key, reserved);
    const done = () => void this.reserving.delete(key);
    reserved.then(done, done);
    return reserved;
  }

  /** Forgets leases whose window is over, once a window. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.sweptAt < this.windowMs) return;
    this.sweptAt = now;
    for (const [key, lease] of this.leases) {
      if (lease.resetTime.getTime() <= now) this.leases.delete(key);
    }
  }
}
