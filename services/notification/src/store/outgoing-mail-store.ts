import type { Queryable } from '@shop/common';
import type { NotificationKind } from '../domain/notification';

/** A PENDING email the sender is about to hand to the mail server. */
export interface DueEmail {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attempts: number;
}

/**
 * Locks the next due PENDING email for the caller's transaction; replicas skip each other's
 * locked rows, so each email is in one sender's hands at a time.
 */
export async function claimNextDue(tx: Queryable): Promise<DueEmail | undefined> {
  const { rows } = await tx.query<DueEmail>(
    `SELECT id, kind, recipient AS "to", subject, body_text AS text, body_html AS html, attempts
     FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= now()
     ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  return rows[0];
}

/** The mail server took it (SENT), or there is none and it was logged (LOGGED). */
export async function markDelivered(
  tx: Queryable,
  id: string,
  status: 'SENT' | 'LOGGED',
): Promise<void> {
  await tx.query(
    `UPDATE notifications SET status = $2, attempts = attempts + 1, sent_at = now(),
       last_error = NULL WHERE id = $1`,
    [id, status],
  );
}

/** The mail server was not reachable or deferred it: try again after `delayMs`. */
export async function postpone(
  tx: Queryable,
  id: string,
  error: string,
  delayMs: number,
): Promise<void> {
  await tx.query(
    `UPDATE notifications SET attempts = attempts + 1, last_error = $2,
       next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1`,
    [id, error.slice(0, 500), delayMs],
  );
}

/** The mail server refused this message for good (a 5xx for it): never retried. */
export async function markFailed(tx: Queryable, id: string, error: string): Promise<void> {
  await tx.query(
    `UPDATE notifications SET status = 'FAILED', attempts = attempts + 1, last_error = $2
     WHERE id = $1`,
    [id, error.slice(0, 500)],
  );
}
