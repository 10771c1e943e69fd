import { randomUUID } from 'node:crypto';
import type { RenderedEmail } from './templates';

export type NotificationKind = 'welcome' | 'order_confirmed' | 'order_cancelled';

/**
 * Delivery states: PENDING until the SMTP server accepts the email (SENT); LOGGED when no SMTP
 * server is configured (local demo); FAILED when the server refused it for good (a 5xx for it).
 */
export type NotificationStatus = 'PENDING' | 'SENT' | 'LOGGED' | 'FAILED';

/** A notification about to be stored (PENDING, no attempts yet). */
export interface NewNotification {
  /** Also names the email's Message-ID, so a resend is recognisable as the same message. */
  readonly id: string;
  /** The event it answers; unique, so a redelivered event cannot add a second email. */
  readonly eventId: string;
  readonly kind: NotificationKind;
  readonly userId: string;
  readonly to: string;
  readonly subject: string;
  readonly orderId?: string;
  readonly text: string;
  readonly html: string;
}

/** What `GET /api/notifications` shows of a notification (DESIGN.md). */
export interface NotificationSummary {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly subject: string;
  readonly to: string;
  readonly orderId?: string;
  readonly createdAt: string;
}

export function newNotification(fields: {
  eventId: string;
  kind: NotificationKind;
  userId: string;
  to: string;
  orderId?: string;
  email: RenderedEmail;
}): NewNotification {
  const { email, ...rest } = fields;
  return { id: randomUUID(), ...rest, subject: email.subject, text: email.text, html: email.html };
}
