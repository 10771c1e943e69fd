import type { Logger } from '@shop/common';
import type { OrderStore } from '../store/order-store';
import type { OrderSaga } from './order-saga';

export interface TimeoutSweeperOptions {
  readonly store: Pick<OrderStore, 'findOverdue'>;
  readonly saga: Pick<OrderSaga, 'expire'>;
  readonly log: Logger;
  readonly stepTimeoutMs: number;
  /** Orders expired per sweep. @default 100 */
  readonly batchSize?: number;
}

/** A quarter of the step timeout, between 100 ms and 2 s: a late order waits at most that long. */
export function sweepIntervalMs(stepTimeoutMs: number): number {
  return Math.min(2000, Math.max(100, Math.round(stepTimeoutMs / 4)));
}

/**
 * Cancels PENDING orders whose saga step passed its deadline (TIMEOUT, with compensations).
 * The deadlines live in the store, so a restarted process picks up where the last one
 * stopped; replicas may sweep together because each expiry is a compare-and-set.
 */
export class TimeoutSweeper {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = true;

  constructor(private readonly options: TimeoutSweeperOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }

  /** Expires every overdue order; returns how many it looked at. */
  async sweep(now = new Date()): Promise<number> {
    const { store, saga, log, batchSize = 100 } = this.options;
    let seen = 0;
    for (;;) {
      const ids = await store.findOverdue(now, batchSize);
      const results = await Promise.allSettled(ids.map((id) => saga.expire(id)));
      for (const failed of results.filter((r) => r.status === 'rejected')) {
        log.warn({ err: failed.reason as unknown }, 'order expiry failed; next sweep retries');
      }
      seen += ids.length;
      if (ids.length < batchSize || results.some((r) => r.status === 'rejected')) return seen;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep()
        .then(
          () => undefined,
          (err: unknown) => this.options.log.warn({ err }, 'timeout sweep failed'),
        )
        .finally(() => {
          this.sweeping = undefined;
          this.schedule();
        });
    }, sweepIntervalMs(this.options.stepTimeoutMs));
    this.timer.unref();
  }
}
