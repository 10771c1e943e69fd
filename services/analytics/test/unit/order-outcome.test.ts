import { orderChange } from '../../src/domain/order-outcome';

describe('orderChange (what an order event does to the counters)', () => {
  test('order.created of an unseen order: a new pending order', () => {
    expect(orderChange(undefined, 'order.created')).toEqual({ status: 'PENDING', newOrder: true });
  });

  test('a final event of a pending order: its outcome, not a new order', () => {
    expect(orderChange('PENDING', 'order.confirmed')).toEqual({
      status: 'CONFIRMED',
      newOrder: false,
      outcome: 'CONFIRMED',
    });
    expect(orderChange('PENDING', 'order.cancelled')).toMatchObject({ outcome: 'CANCELLED' });
  });

  test('a final event before its order.created: counts the order and its outcome', () => {
    expect(orderChange(undefined, 'order.cancelled')).toEqual({
      status: 'CANCELLED',
      newOrder: true,
      outcome: 'CANCELLED',
    });
  });

  test.each([
    ['PENDING', 'order.created'],
    ['CONFIRMED', 'order.created'],
    ['CONFIRMED', 'order.confirmed'],
    ['CONFIRMED', 'order.cancelled'],
    ['CANCELLED', 'order.confirmed'],
  ] as const)('%s then %s changes nothing (a final state never goes back)', (status, type) => {
    expect(orderChange(status, type)).toBeUndefined();
  });
});
