import {
  cancel,
  confirm,
  IllegalTransitionError,
  newOrder,
  orderTotal,
  publicOrder,
  recordSteps,
  type Order,
} from '../../src/domain/order';

const at = '2026-01-01T00:00:00.000Z';
const later = '2026-01-01T00:00:05.000Z';

function pending(): Order {
  return newOrder({
    id: 'o-1',
    userId: 'u-1',
    at,
    items: [
      { productId: 'p-1', name: 'Kettle', unitPrice: 2999, quantity: 2 },
      { productId: 'p-2', name: 'Mug', unitPrice: 450, quantity: 3 },
    ],
  });
}

describe('an order', () => {
  test('starts PENDING with the total of its lines at catalog prices', () => {
    const order = pending();
    expect(order).toMatchObject({ status: 'PENDING', total: 2 * 2999 + 3 * 450, currency: 'USD' });
    expect(order.steps).toEqual([]);
    expect(order.failureReason).toBeUndefined();
  });

  test('the total of no lines is zero and of one line its price times its quantity', () => {
    expect(orderTotal([])).toBe(0);
    expect(orderTotal([{ unitPrice: 100, quantity: 1000 }])).toBe(100_000);
  });

  test('PENDING becomes CONFIRMED, or CANCELLED with a reason', () => {
    expect(confirm(pending(), later)).toMatchObject({ status: 'CONFIRMED', updatedAt: later });
    expect(cancel(pending(), 'TIMEOUT', later)).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'TIMEOUT',
      updatedAt: later,
    });
  });

  test('a final order never changes status again', () => {
    const confirmed = confirm(pending(), later);
    const cancelled = cancel(pending(), 'OUT_OF_STOCK', later);
    expect(() => cancel(confirmed, 'TIMEOUT', later)).toThrow(IllegalTransitionError);
    expect(() => confirm(cancelled, later)).toThrow(IllegalTransitionError);
    expect(() => confirm(confirmed, later)).toThrow(
      'an order cannot go from CONFIRMED to CONFIRMED',
    );
  });

  test('the step history records each (step, status) once', () => {
    const once = recordSteps(pending(), [['reserve_stock', 'requested']], later);
    const twice = recordSteps(once, [['reserve_stock', 'requested']], '2026-01-02T00:00:00.000Z');
    expect(twice).toBe(once);
    expect(once.steps).toEqual([{ name: 'reserve_stock', status: 'requested', at: later }]);
    const both = recordSteps(
      once,
      [
        ['reserve_stock', 'succeeded'],
        ['reserve_stock', 'succeeded'],
      ],
      later,
    );
    expect(both.steps.map((s) => s.status)).toEqual(['requested', 'succeeded']);
  });

  test('the public shape has a fixed field order and no failureReason until cancelled', () => {
    const shown = publicOrder({ ...pending(), extra: 'x' } as Order);
    expect(Object.keys(shown)).toEqual([
      'id',
      'userId',
      'status',
      'items',
      'total',
      'currency',
      'steps',
      'createdAt',
      'updatedAt',
    ]);
    expect(publicOrder(cancel(pending(), 'TIMEOUT', later)).failureReason).toBe('TIMEOUT');
  });
});
