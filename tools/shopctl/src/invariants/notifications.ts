import type { NotificationFact, OrderFact, Violation } from './model';

const EMAIL_OF = { CONFIRMED: 'order_confirmed', CANCELLED: 'order_cancelled' } as const;

/** Each final order has exactly one email, the one of its final state, and no other. */
export function notificationViolations(
  orders: readonly OrderFact[],
  notifications: readonly NotificationFact[],
): Violation[] {
  const sent = new Map<string, string[]>();
  for (const n of notifications) sent.set(n.orderId, [...(sent.get(n.orderId) ?? []), n.kind]);
  const found: Violation[] = [];
  for (const order of orders) {
    if (order.status === 'PENDING') continue;
    const kinds = sent.get(order.id) ?? [];
    if (kinds.length !== 1 || kinds[0] !== EMAIL_OF[order.status]) {
      const detail = `${order.status} order, emails [${kinds.join(', ')}]`;
      found.push({ invariant: 'one_email_per_final_state', orderId: order.id, detail });
    }
  }
  return found;
}
