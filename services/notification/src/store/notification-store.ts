import type { Queryable } from '@shop/common';
import type {
  NewNotification,
  NotificationKind,
  NotificationSummary,
} from '../domain/notification';

/**
 * Stores a new notification unless one already answers the same event (or the same final
 * state of an order, or the same user's welcome). Returns whether it was stored.
 */
export async function insertNotification(db: Queryable, n: NewNotification): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO notifications
       (id, event_id, kind, user_id, recipient, subject, order_id, body_text, body_html)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT DO NOTHING`,
    [n.id, n.eventId, n.kind, n.userId, n.to, n.subject, n.orderId ?? null, n.text, n.html],
  );
  return rowCount === 1;
}

interface SummaryRow {
  id: string;
  kind: NotificationKind;
  subject: string;
  recipient: string;
  order_id: string | null;
  created_at: Date;
}

/** A user's notifications, newest first. */
export async function listForUser(
  db: Queryable,
  userId: string,
  limit: number,
): Promise<NotificationSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    `SELECT id, kind, subject, recipient, order_id, created_at FROM notifications
     WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    to: r.recipient,
    ...(r.order_id ? { orderId: r.order_id } : {}),
    createdAt: r.created_at.toISOString(),
  }));
}
