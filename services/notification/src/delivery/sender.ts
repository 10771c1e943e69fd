import { detached, withTransaction, type Logger, type Pool, type PoolClient } from '@shop/common';
import type { NotificationMetrics } from '../metrics';
import {
  claimNextDue,
  markDelivered,
  markFailed,
  postpone,
  type DueEmail,
} from '../store/outgoing-mail-store';
import { isPermanentRejection, type MailTransport } from './mail-transport';

export interface SenderOptions {
  readonly pool: Pool;
  readonly transport: MailTransport;
  readonly log: Logger;
  readonly metrics: NotificationMetrics;
  /** Look for due emails this often when nothing kicked the sender. */
  readonly pollMs: number;
  /** Emails per round before checking for shutdown. */
  readonly batchSize: number;
  /** Backoff bounds after a failed send (per email and for the whole sender). */
  readonly retryMinMs: number;
  readonly retryMaxMs: number;
}

type SendResult = 'idle' | 'done' | 'deferred';

/**
 * Delivers PENDING notifications, like an outbox relay: `kick()` after a commit sends at once,
 * a poll picks up the rest (retries, other replicas' leftovers). Each email is sent in its own
 * transaction holding its row lock (`FOR UPDATE SKIP LOCKED`) and is marked SENT right after
 * the server accepts it. While the server is failing the sender backs off and kicks wait.
 */
export class NotificationSender {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private failures = 0;
  private pausedUntil = 0;

  constructor(private readonly options: SenderOptions) {}

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Sends soon, unless the sender is backing off after a failure (its timer resumes it). */
  kick(): void {
    if (Date.now() >= this.pausedUntil) this.run();
  }

  private run(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.round().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.run();
      }
    });
  }

  /** Takes no new email; an email being sent finishes (and is recorded) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    let delay = this.options.pollMs;
    try {
      const result = await this.sendBatch();
      if (result === 'deferred') delay = this.pause();
      else this.failures = 0;
      if (result === 'done') delay = 0;
    } catch (err) {
      delay = this.pause();
      this.options.log.warn({ err: String(err), retryInMs: delay }, 'notification sender paused');
    }
    if (!this.stopped) {
      // The next round is the sender's own, not part of the event that kicked this one.
      this.timer = detached(() => setTimeout(() => this.run(), delay));
      this.timer.unref();
    }
  }

  private pause(): number {
    const delay = this.retryDelay(this.failures++);
    this.pausedUntil = Date.now() + delay;
    return delay;
  }

  /** Up to a batch of emails; 'done' when the batch was full (more may be due). */
  private async sendBatch(): Promise<SendResult> {
    for (let sent = 0; sent < this.options.batchSize; sent++) {
      if (this.stopped) return 'idle';
      const result = await withTransaction(this.options.pool, (tx) => this.sendNext(tx));
      if (result !== 'done') return result;
    }
    return 'done';
  }

  private async sendNext(tx: PoolClient): Promise<SendResult> {
    const email = await claimNextDue(tx);
    if (!email) return 'idle';
    const { transport, metrics } = this.options;
    try {
      await transport.send(email);
    } catch (err) {
      metrics.smtpFailures.inc();
      return this.onFailure(tx, email, err);
    }
    await markDelivered(tx, email.id, transport.deliveredAs);
    if (transport.deliveredAs === 'SENT') metrics.sent.inc({ kind: email.kind });
    return 'done';
  }

  private async onFailure(tx: PoolClient, email: DueEmail, err: unknown): Promise<SendResult> {
    const log = { err, notificationId: email.id, attempt: email.attempts + 1 };
    if (isPermanentRejection(err)) {
      this.options.log.error(log, 'email refused by the mail server; not retried');
      await markFailed(tx, email.id, String(err));
      return 'done';
    }
    const retryInMs = this.retryDelay(email.attempts);
    this.options.log.warn({ ...log, retryInMs }, 'email not sent; will retry');
    await postpone(tx, email.id, String(err), retryInMs);
    return 'deferred';
  }

  private retryDelay(failures: number): number {
    const { retryMinMs, retryMaxMs } = this.options;
    return Math.min(retryMinMs * 2 ** Math.min(failures, 30), retryMaxMs);
  }
}
