import type { EventBackbone } from '@shop/common';
import { renderOrderCancelled, renderOrderConfirmed } from '../domain/templates';
import { NOTIFICATION_QUEUE, notifyOrderOutcome, welcomeNewUser, type NotifyDeps } from './notify';

/** Every event this service consumes, on its one queue. */
export function subscribeNotifications(events: EventBackbone, deps: NotifyDeps): void {
  events
    .consumer(NOTIFICATION_QUEUE)
    .subscribe('user.registered', welcomeNewUser(deps))
    .subscribe(
      'order.confirmed',
      notifyOrderOutcome<'order.confirmed'>(deps, 'order_confirmed', renderOrderConfirmed),
    )
    .subscribe(
      'order.cancelled',
      notifyOrderOutcome<'order.cancelled'>(deps, 'order_cancelled', renderOrderCancelled),
    );
}
