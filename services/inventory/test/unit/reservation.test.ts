import {
  canReserve,
  commitAction,
  isTombstone,
  mergeLines,
  releaseAction,
  replyTo,
} from '../../src/domain/reservation';

describe('mergeLines', () => {
  test('adds up the lines of one product and sorts by product id (the lock order)', () => {
    expect(
      mergeLines([
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 4 },
    ]);
  });
});

describe('canReserve', () => {
  const available = new Map([
    ['a', 2],
    ['b', 0],
  ]);

  test('every line must fit', () => {
    expect(canReserve(available, [{ productId: 'a', quantity: 2 }])).toBe(true);
    expect(canReserve(available, [{ productId: 'a', quantity: 3 }])).toBe(false);
    expect(
      canReserve(available, [
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 1 },
      ]),
    ).toBe(false);
  });

  test('an unknown product never fits', () => {
    expect(canReserve(available, [{ productId: 'z', quantity: 1 }])).toBe(false);
  });
});

describe('reservation transitions', () => {
  test('a repeated reserve gets the first outcome; released ones are rejected', () => {
    expect(replyTo('RESERVED')).toBe('inventory.reserved');
    expect(replyTo('COMMITTED')).toBe('inventory.reserved');
    expect(replyTo('REJECTED')).toBe('inventory.rejected');
    expect(replyTo('RELEASED')).toBe('inventory.rejected');
  });

  test('only a reserved order is released; a committed one never is', () => {
    expect(releaseAction('RESERVED')).toBe('release');
    expect(releaseAction('RELEASED')).toBe('none');
    expect(releaseAction('REJECTED')).toBe('none');
    expect(releaseAction('COMMITTED')).toBe('out_of_order');
  });

  test('only a reserved order is committed', () => {
    expect(commitAction('RESERVED')).toBe('commit');
    expect(commitAction('COMMITTED')).toBe('none');
    expect(commitAction('RELEASED')).toBe('out_of_order');
    expect(commitAction('REJECTED')).toBe('out_of_order');
  });

  test('a tombstone is a release without lines', () => {
    expect(isTombstone({ orderId: 'o', status: 'RELEASED', lines: [] })).toBe(true);
    expect(
      isTombstone({ orderId: 'o', status: 'RELEASED', lines: [{ productId: 'a', quantity: 1 }] }),
    ).toBe(false);
  });
});
