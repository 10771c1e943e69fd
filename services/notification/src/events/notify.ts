import {
  idempotent,
  type EventData,
  type EventEnvelope,
  type EventHandler,
  type Logger,
  type Pool,
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

/** user.registered: a welcome email to the address the user signed up with. */
export function welcomeNewUser(deps: NotifyDeps): EventHandler<'user.registered'> {
  return (event) =>
    recordOnce(
      deps,
      event,
      newNotification({
        eventId: event.id,
        kind: 'welcome',
        userId: event.data.userId,
        to: event.data.email,
        email: renderWelcome(event.data),
      }),
    );
}

/**
 * order.confirmed / order.cancelled: looks the buyer up through the user service (outside any
 * transaction) and stores the email. A user who no longer exists gets none; a user service
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
): Promise<void> {
  let stored = false;
  const store = idempotent(deps.pool, NOTIFICATION_QUEUE, async (_event, tx) => {
    stored = await insertNotification(tx, notification);
  });
  await store(event as Parameters<typeof store>[0]);
  count(deps, event, stored ? 'stored' : 'duplicate');
  if (stored) deps.stored();
}

function count(deps: NotifyDeps, event: EventEnvelope, outcome: EventOutcome): void {
  deps.metrics.events.inc({ type: event.type, outcome });
}
