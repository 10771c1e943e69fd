import { Gauge, type Registry } from 'prom-client';
import { withClient, type Pool, type Queryable } from '../db';
import type { Logger } from '../logger';
import type { Broker } from './broker';
import type { EventEnvelope } from './envelope';
import { KickLoop } from './kick-loop';
import { publishEvents, UnroutableError } from './publisher';

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
  readonly log: Logger;
  readonly registry?: Registry;
  /** Rows published per round trip (one batch of confirms). @default 200 */
  readonly batchSize?: number;
  /** Polling interval when nothing kicked the relay. @default 500 ms */
  readonly pollMs?: number;
  /** Backoff bounds while the broker is down. @default 100 and 5000 ms */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

interface OutboxRow {
  seq: string;
  envelope: EventEnvelope;
  attempts: number;
}

/**
 * Publishes committed outbox rows in batches with confirms, deleting them once confirmed.
 * `kick()` after a commit publishes at once; a poll picks up anything left (a crash, another
 * replica). Replicas share the table safely through `FOR UPDATE SKIP LOCKED`.
 */
export class OutboxRelay {
  private readonly loop: KickLoop;

  constructor(private readonly options: OutboxRelayOptions) {
    if (options.registry) registerPendingGauge(options.registry, options.pool);
    this.loop = new KickLoop(() => this.drain(), {
      ...options,
      onError: (err, retryInMs) =>
        options.log.warn({ err: String(err), retryInMs }, 'outbox relay paused'),
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Publishes soon; coalesces calls while a round is running. */
  kick(): void {
    this.loop.kick();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Publishes batches until one comes back short. */
  private async drain(): Promise<void> {
    const size = this.options.batchSize ?? 200;
    while (this.loop.active && (await this.publishBatch()) === size);
  }

  /** One round: lock due rows, publish, delete confirmed ones. Returns the rows taken. */
  private publishBatch(): Promise<number> {
    return withClient(this.options.pool, async (client) => {
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<OutboxRow>(
          `SELECT seq, envelope, attempts FROM outbox WHERE next_attempt_at <= now()
           ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [this.options.batchSize ?? 200],
        );
        if (rows.length > 0) await this.publishRows(client, rows);
        await client.query('COMMIT');
        return rows.length;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  private async publishRows(client: Queryable, rows: OutboxRow[]): Promise<void> {
    const results = await Promise.allSettled(
      rows.map((row) => publishEvents(this.options.broker, [row.envelope])),
    );
    const unroutable = rows.filter((_, i) => isUnroutable(results[i]));
    const failed = results.find((r) => r.status === 'rejected' && !isUnroutable(r));
    if (failed?.status === 'rejected') throw failed.reason;
    await client.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [
      rows.filter((r) => !unroutable.includes(r)).map((r) => r.seq),
    ]);
    for (const row of unroutable) await this.postpone(client, row);
  }

  /** No queue is bound for this type yet: keep the event and try again later. */
  private async postpone(client: Queryable, row: OutboxRow): Promise<void> {
    const waitMs = Math.min(1000 * 2 ** row.attempts, 60_000);
    this.options.log.warn({ eventType: row.envelope.type, waitMs }, 'event unroutable; kept');
    await client.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = 'unroutable',
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
