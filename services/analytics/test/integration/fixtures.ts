import { randomUUID } from 'node:crypto';
import { createEvent } from '@shop/common';

export interface Line {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

/** One order's three possible facts, as the order service publishes them. */
export function anOrder(userId: string, lines: readonly Line[]) {
  const orderId = randomUUID();
  const items = lines.map((l) => ({ ...l, name: `product ${l.productId.slice(0, 8)}` }));
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  const base = { orderId, userId, items, total };
  const options = { source: 'order', correlationId: orderId };
  return {
    orderId,
    total,
    created: () =>
      createEvent(
        'order.created',
        { ...base, currency: 'USD', payment: { token: 'tok_visa' } },
        options,
      ),
    confirmed: () => createEvent('order.confirmed', base, options),
    cancelled: () => createEvent('order.cancelled', { ...base, reason: 'OUT_OF_STOCK' }, options),
  };
}

/** product.created as the product service publishes it. */
export function aProduct(category: string, version = 1) {
  const productId = randomUUID();
  const now = new Date().toISOString();
  const data = {
    productId,
    name: `a ${category} thing`,
    description: '',
    category,
    price: 1000,
    currency: 'USD' as const,
    version,
    createdAt: now,
    updatedAt: now,
  };
  return {
    productId,
    created: () =>
      createEvent(
        'product.created',
        { ...data, initialStock: 5 },
        { source: 'product', correlationId: productId },
      ),
    updated: (changes: { category: string; version: number }) =>
      createEvent(
        'product.updated',
        { ...data, ...changes },
        { source: 'product', correlationId: productId },
      ),
  };
}
