import {
  applyOnce,
  type EventData,
  type EventEnvelope,
  type EventHandler,
  type Logger,
  type Pool,
  type Queryable,
} from '@shop/common';
import {
  UserServiceUnavailableError,
  type Recipient,
  type UserDirectory,
} from '../clients/user-directory';
import {
  newNotification,
  type NewNotification,
  type NotificationKind,
} from '../domain/notification';
import { renderWelcome, type RenderedEmail } from '../domain/templates';
import type { EventOutcome, NotificationMetrics } from '../metrics';
import { insertNotification } from '../store/notification-store';
import { saveRecipient } from '../store/recipient-store';
import { wasProcessed } from '../store/processed-events';

/** The queue of this service; also its consumer name in processed_events. */
export const NOTIFICATION_QUEUE = 'notification';

export interface NotifyDeps {
  readonly pool: Pool;
  readonly users: UserDirectory;
  readonly log: Logger;
  readonly metrics: NotificationMetrics;
  /** Called after a new notification committed (kicks the sender). */
  readonly stored: () => void;
}

type OrderEventType = 'order.confirmed' | 'order.cancelled';

/**
 * user.registered: a welcome email to the address the user signed up with, and the user
 * remembered as a recipient (in the same transaction) for the emails of their orders.
 */
export function welcomeNewUser(deps: NotifyDeps): EventHandler<'user.registered'> {
  return (event) => {
    const { userId, name, email } = event.data;
    const welcome = newNotification({
      eventId: event.id,
      kind: 'welcome',
      userId,
      to: email,
      email: renderWelcome(event.data),
    });
    return recordOnce(deps, event, welcome, (tx) => saveRecipient(tx, userId, { name, email }));
  };
}

/**
 * order.confirmed / order.cancelled: looks the buyer up (the recipients table, else the user
 * service, outside any transaction) and stores the email. A user who no longer exists gets none; a user service
 * that is down or slow fails the delivery, so the broker retries it later.
 */
export function notifyOrderOutcome<T extends OrderEventType>(
  deps: NotifyDeps,
  kind: NotificationKind,
  render: (recipient: Recipient, order: EventData<T>) => RenderedEmail,
): EventHandler<T> {
  return async (event) => {
    if (await wasProcessed(deps.pool, NOTIFICATION_QUEUE, event.id)) {
      return count(deps, event, 'duplicate');
    }
    const { userId, orderId } = event.data;
    const recipient = await findRecipient(deps, userId);
    if (!recipient) {
      deps.log.warn({ userId, orderId, eventType: event.type }, 'user not found; no email');
      return count(deps, event, 'recipient_gone');
    }
    const email = render(recipient, event.data);
    const notification = newNotification({
      eventId: event.id,
      kind,
      userId,
      to: recipient.email,
      orderId,
      email,
    });
    await recordOnce(deps, event, notification);
  };
}

async function findRecipient(deps: NotifyDeps, userId: string): Promise<Recipient | undefined> {
  try {
    return await deps.users.findUser(userId);
  } catch (err) {
    if (err instanceof UserServiceUnavailableError) {
      deps.metrics.userLookupFailures.inc({ code: err.status });
    }
    throw err;
  }
}

/** Stores the notification with the processed-event record, in one transaction. */
async function recordOnce(
  deps: NotifyDeps,
  event: EventEnvelope,
  notification: NewNotification,
  alsoInTransaction?: (tx: Queryable) => Promise<void>,
): Promise<void> {
  const stored = await applyOnce(deps.pool, NOTIFICATION_QUEUE, event.id, async (tx) => {
    await alsoInTransaction?.(tx);
    return insertNotification(tx, notification);
  });
  count(deps, event, stored ? 'stored' : 'duplicate'); // undefined: a repeat
  if (stored) deps.stored();
}

function count(deps: NotifyDeps, event: EventEnvelope, outcome: EventOutcome): void {
  deps.metrics.events.inc({ type: event.type, outcome });
}
