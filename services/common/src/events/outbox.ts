import { Gauge, type Registry } from 'prom-client';
import type { Pool, Queryable } from '../db';
import type { Logger } from '../logger';
import type { Broker } from './broker';
import type { EventEnvelope } from './envelope';
import { KickedRelay } from './kick-loop';
import { CONFIRM_TIMEOUT_MS, publishEvents, UnroutableError } from './publisher';
import { appendCarried, forExchange, type StreamAppender } from './stream';

/** Writes events in the caller's transaction; they leave only if it commits. */
export async function addToOutbox(tx: Queryable, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO outbox (id, type, envelope)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])`,
    [events.map((e) => e.id), events.map((e) => e.type), events.map((e) => JSON.stringify(e))],
  );
}

export interface OutboxRelayOptions {
  readonly pool: Pool;
  readonly broker: Broker;
  /** A second log (Kafka) that gets the events it carries; a row leaves once both have it. */
  readonly stream?: StreamAppender;
  readonly log: Logger;
  readonly registry?: Registry;
  /** Rows published per round trip (one batch of confirms). @default 200 */
  readonly batchSize?: number;
  /** Polling interval when nothing kicked the relay. @default 500 ms */
  readonly pollMs?: number;
  /** Backoff bounds while the broker is down. @default 100 and 5000 ms */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * How long a round owns the rows it publishes; longer than the wait for confirms, so a live
   * round never loses its rows to another. A crashed round's rows wait this long.
   * @default 15000 ms
   */
  readonly leaseMs?: number;
}

const DEFAULT_LEASE_MS = CONFIRM_TIMEOUT_MS + 5000;

interface OutboxRow {
  seq: string;
  envelope: EventEnvelope;
  attempts: number;
}

/**
 * Publishes committed outbox rows in batches with confirms, deleting them once confirmed.
 * `kick()` after a commit publishes at once; a poll picks up anything left (a crash, another
 * replica). Rows are leased, never locked across the wait for confirms: no transaction stays
 * open while the broker is slow. One relay publishes in commit-sequence order; replicas share
 * the table through the leases.
 */
export class OutboxRelay extends KickedRelay {
  constructor(private readonly options: OutboxRelayOptions) {
    super({
      ...options,
      onError: (err, retryInMs) =>
        options.log.warn({ err: String(err), retryInMs }, 'outbox relay paused'),
    });
    if (options.registry) registerPendingGauge(options.registry, options.pool);
  }

  /** Publishes batches until one comes back short. */
  protected async drain(): Promise<void> {
    const size = this.options.batchSize ?? 200;
    while (this.loop.active && (await this.publishBatch()) === size);
  }

  /**
   * One round: lease due rows (a short statement), publish them and wait for the confirms with
   * no transaction open, then delete the confirmed ones (another short statement). Returns the
   * rows taken.
   */
  private async publishBatch(): Promise<number> {
    const rows = await this.lease();
    if (rows.length === 0) return 0;
    const [results, appended] = await Promise.all([
      Promise.allSettled(
        rows.map((row) =>
          publishEvents(this.options.broker, forExchange(this.options.stream, [row.envelope])),
        ),
      ),
      appendCarried(
        this.options.stream,
        rows.map((row) => row.envelope),
      ).then(
        () => undefined,
        (err: unknown) => ({ err }),
      ),
    ]);
    const failed = results.find((r) => r.status === 'rejected' && !isUnroutable(r));
    if (failed?.status === 'rejected' || appended) {
      await this.release(rows).catch(() => undefined);
      throw failed?.status === 'rejected' ? failed.reason : appended!.err;
    }
    const unroutable = rows.filter((_, i) => isUnroutable(results[i]));
    await this.options.pool.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [
      rows.filter((r) => !unroutable.includes(r)).map((r) => r.seq),
    ]);
    for (const row of unroutable) await this.postpone(row);
    return rows.length;
  }

  /**
   * The oldest due rows no live lease covers, leased for longer than a publish may wait for its
   * confirms, in publishing order. Replicas skip each other's rows (`SKIP LOCKED` while the
   * statement runs, the lease after it).
   */
  private async lease(): Promise<OutboxRow[]> {
    const { rows } = await this.options.pool.query<OutboxRow>(
      `WITH due AS (
         SELECT seq FROM outbox
         WHERE next_attempt_at <= now() AND (leased_until IS NULL OR leased_until <= now())
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE outbox o SET leased_until = now() + $2 * interval '1 millisecond'
       FROM due WHERE o.seq = due.seq
       RETURNING o.seq, o.envelope, o.attempts`,
      [this.options.batchSize ?? 200, this.options.leaseMs ?? DEFAULT_LEASE_MS],
    );
    return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  }

  /** The broker failed: the next round publishes these rows again, in order, without waiting. */
  private async release(rows: readonly OutboxRow[]): Promise<void> {
    await this.options.pool.query(
      'UPDATE outbox SET leased_until = NULL WHERE seq = ANY($1::bigint[])',
      [rows.map((r) => r.seq)],
    );
  }

  /** No queue is bound for this type yet: keep the event and try again later. */
  private async postpone(row: OutboxRow): Promise<void> {
    const waitMs = Math.min(1000 * 2 ** row.attempts, 60_000);
    // At start-up a consumer may bind its queue after the first publish: loud only if it lasts.
    const level = row.attempts < 3 ? 'info' : 'warn';
    this.options.log[level]({ eventType: row.envelope.type, waitMs }, 'event unroutable; kept');
    await this.options.pool.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = 'unroutable', leased_until = NULL,
         next_attempt_at = now() + $2 * interval '1 millisecond' WHERE seq = $1`,
      [row.seq, waitMs],
    );
  }
}

/**
 * `outbox_pending_events`, counted when scraped: counting after every publishing round put
 * one more statement per event on the hot path.
 */
function registerPendingGauge(registry: Registry, pool: Pool): void {
  new Gauge({
    name: 'outbox_pending_events',
    help: 'Events committed but not yet confirmed by the broker',
    registers: [registry],
    async collect() {
      const { rows } = await pool
        .query<{ n: string }>('SELECT count(*) AS n FROM outbox')
        .catch(() => ({ rows: [] as Array<{ n: string }> }));
      if (rows[0]) this.set(Number(rows[0].n));
    },
  });
}

function isUnroutable(result: PromiseSettledResult<void> | undefined): boolean {
  return result?.status === 'rejected' && result.reason instanceof UnroutableError;
}
