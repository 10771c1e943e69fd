import type { PoolClient } from '../db';

/**
 * Runs batches one at a time: whatever was added while a batch ran is the next batch (up to
 * `maxSize`), so an idle consumer handles each message at once and a busy one amortizes its
 * transaction over many. One batch at a time also means no two transactions of this consumer
 * lock rows against each other.
 */
export class Batcher<T> {
  private pending: T[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly run: (batch: T[]) => Promise<void>,
    private readonly maxSize: number,
  ) {}

  add(item: T): void {
    this.pending.push(item);
    this.next();
  }

  /** Resolves once nothing is running or waiting. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private next(): void {
    if (this.running || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxSize);
    this.running = this.run(batch).finally(() => {
      this.running = undefined;
      this.next();
    });
  }
}

/**
 * Records `eventIds` as processed by `consumer` in one statement, and returns the ones that were
 * not recorded before: the events to apply (the others are redeliveries).
 */
export async function firstDeliveries(
  tx: PoolClient,
  consumer: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const { rows } = await tx.query<{ event_id: string }>(
    `INSERT INTO processed_events (consumer, event_id) SELECT $1, unnest($2::uuid[])
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}
