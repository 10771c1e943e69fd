import type { BenchClient, OrderView } from './shop-api';

export interface LoadOptions {
  readonly customers: readonly BenchClient[];
  readonly productIds: readonly string[];
  readonly durationMs: number;
  /** Wait between looks at an order still PENDING, when its live stream failed. */
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
  /** Looks at an order (GET) after its live stream failed or ended early. */
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
 * Closed-loop customers: each places an order, follows its live stream until it is CONFIRMED or
 * CANCELLED, then places the next, until the duration is over. POST -> final is measured to the
 * final event's arrival. Only if the stream fails does the customer poll the order; the time of
 * the final state is then the order's own `updatedAt` (same clock: all on this machine) when it
 * is earlier than the look that saw it, so the poll interval does not inflate the latency.
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
  const stopAt = counters.startedAt + options.durationMs;
  const customerLoop = async (customer: BenchClient, index: number) => {
    for (let n = index; Date.now() < stopAt; n++) {
      const productId = options.productIds[n % options.productIds.length]!;
      await placeAndFollow(customer, productId, options, counters, result).catch((err: unknown) => {
        counters.failedRequests++;
        if (result.errors.length < 10) result.errors.push(String(err));
      });
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
  options: LoadOptions,
  counters: LoadCounters,
  result: { latencies: number[]; postLatencies: number[] },
): Promise<void> {
  const sentAt = Date.now();
  const { id } = await customer.placeOrder(productId);
  result.postLatencies.push(Date.now() - sentAt);
  counters.placed++;
  const streamed = await customer.follow(id, options.orderTimeoutMs).catch(() => undefined);
  const final =
    streamed && streamed.status !== 'PENDING'
      ? { order: streamed, at: Date.now() }
      : await pollUntilFinal(customer, id, sentAt, options, counters);
  if (!final) {
    counters.stuck++;
    return;
  }
  result.latencies.push(final.at - sentAt);
  if (final.order.status === 'CONFIRMED') counters.confirmed++;
  else counters.cancelled++;
}

/** Looks at the order every `pollMs` until it is final; undefined when it is stuck. */
async function pollUntilFinal(
  customer: BenchClient,
  id: string,
  sentAt: number,
  options: LoadOptions,
  counters: LoadCounters,
): Promise<{ order: OrderView; at: number } | undefined> {
  for (;;) {
    const order = await customer.order(id);
    counters.polls++;
    const seenAt = Date.now();
    if (order.status !== 'PENDING') {
      return { order, at: Math.min(seenAt, Date.parse(order.updatedAt) || seenAt) };
    }
    if (seenAt - sentAt > options.orderTimeoutMs) return undefined;
    await new Promise((r) => setTimeout(r, options.pollMs));
  }
}
