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
      notifyOrderOutcome(deps, 'order_confirmed', (user, order) =>
        renderOrderConfirmed(user, order),
      ),
    )
    .subscribe(
      'order.cancelled',
      notifyOrderOutcome(deps, 'order_cancelled', (user, order) =>
        renderOrderCancelled(user, order),
      ),
    );
}
