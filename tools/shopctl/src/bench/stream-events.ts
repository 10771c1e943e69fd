import { randomUUID } from 'node:crypto';
import { createEvent, type EventEnvelope } from '@shop/common';

/**
 * `count` order events as the order service writes them (an order.created, then its
 * order.confirmed, one in ten order.cancelled), two to four lines each: the same envelopes go
 * into both logs, so both carry the same bytes.
 */
export function orderEvents(count: number): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  for (let n = 0; events.length < count; n++) {
    const orderId = randomUUID();
    const userId = randomUUID();
    const items = Array.from({ length: 2 + (n % 3) }, (_, i) => ({
      productId: randomUUID(),
      name: `Product ${i + 1}`,
      unitPrice: 1999 + i * 100,
      quantity: 1 + (i % 2),
    }));
    const total = items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0);
    const options = { source: 'order', correlationId: orderId };
    const order = { orderId, userId, items, total };
    events.push(
      createEvent(
        'order.created',
        { ...order, currency: 'USD', payment: { token: 'tok_visa' } },
        options,
      ),
    );
    if (events.length === count) break;
    events.push(
      n % 10 === 9
        ? createEvent('order.cancelled', { ...order, reason: 'PAYMENT_DECLINED' }, options)
        : createEvent('order.confirmed', order, options),
    );
  }
  return events;
}

/** `events` in consecutive batches of `size`. */
export function batches<T>(events: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size));
  return out;
}
