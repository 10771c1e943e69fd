import type { BenchClient } from './shop-api';

export interface LoadOptions {
  readonly customers: readonly BenchClient[];
  readonly productIds: readonly string[];
  readonly durationMs: number;
  /** Wait between looks at an order still PENDING. */
  readonly pollMs: number;
  /** An order not final this long after its POST counts as stuck. */
  readonly orderTimeoutMs: number;
}

/** Live counters, read by the progress line while the load runs. */
export interface LoadCounters {
  placed: number;
  confirmed: number;
  cancelled: number;
  stuck: number;
  failedRequests: number;
  polls: number;
  readonly startedAt: number;
}

export interface LoadResult {
  readonly counters: LoadCounters;
  /** POST sent to final state, per final order (ms). */
  readonly latencies: number[];
  /** POST sent to 202 received (ms). */
  readonly postLatencies: number[];
  readonly errors: string[];
  readonly elapsedMs: number;
}

/**
 * Closed-loop customers: each places an order, looks at it until it is CONFIRMED or CANCELLED,
 * then places the next, until the duration is over. The time of the final state is the order's
 * own `updatedAt` (same clock: all on this machine) when it is earlier than the look that saw it,
 * so the poll interval does not inflate the latency. The first look waits for most of the
 * typical latency seen so far: looks cost the system work, and they measure nothing.
 */
export function runLoad(options: LoadOptions): {
  counters: LoadCounters;
  done: Promise<LoadResult>;
} {
  const counters: LoadCounters = {
    placed: 0,
    confirmed: 0,
    cancelled: 0,
    stuck: 0,
    failedRequests: 0,
    polls: 0,
    startedAt: Date.now(),
  };
  const result = {
    latencies: [] as number[],
    postLatencies: [] as number[],
    errors: [] as string[],
  };
  const typical = new MovingAverage(100);
  const stopAt = counters.startedAt + options.durationMs;
  const customerLoop = async (customer: BenchClient, index: number) => {
    for (let n = index; Date.now() < stopAt; n++) {
      const productId = options.productIds[n % options.productIds.length]!;
      await placeAndFollow(customer, productId, { ...options, typical }, counters, result).catch(
        (err: unknown) => {
          counters.failedRequests++;
          if (result.errors.length < 10) result.errors.push(String(err));
        },
      );
    }
  };
  const done = Promise.all(options.customers.map(customerLoop)).then(() => ({
    counters,
    ...result,
    elapsedMs: Date.now() - counters.startedAt,
  }));
  return { counters, done };
}

async function placeAndFollow(
  customer: BenchClient,
  productId: string,
  options: LoadOptions & { typical: MovingAverage },
  counters: LoadCounters,
  result: { latencies: number[]; postLatencies: number[] },
): Promise<void> {
  const sentAt = Date.now();
  const { id } = await customer.placeOrder(productId);
  result.postLatencies.push(Date.now() - sentAt);
  counters.placed++;
  let waitMs = Math.max(options.pollMs, 0.8 * options.typical.value - (Date.now() - sentAt));
  for (;;) {
    await new Promise((r) => setTimeout(r, waitMs));
    waitMs = options.pollMs;
    const order = await customer.order(id);
    counters.polls++;
    const seenAt = Date.now();
    if (order.status !== 'PENDING') {
      const finalAt = Math.min(seenAt, Date.parse(order.updatedAt) || seenAt);
      result.latencies.push(finalAt - sentAt);
      options.typical.add(finalAt - sentAt);
      if (order.status === 'CONFIRMED') counters.confirmed++;
      else counters.cancelled++;
      return;
    }
    if (seenAt - sentAt > options.orderTimeoutMs) {
      counters.stuck++;
      return;
    }
  }
}

/** An exponentially weighted mean (the last few dozen values matter). */
class MovingAverage {
  constructor(public value: number) {}

  add(sample: number): void {
    this.value += (sample - this.value) / 32;
  }
}
