import { checkSnapshot } from '../../src/invariants/check';
import type {
  OrderFact,
  PaymentFact,
  ReservationFact,
  ShopSnapshot,
  StockFact,
} from '../../src/invariants/model';

const P = 'product-1';

function confirmed(id: string, quantity = 1, total = 1000): OrderFact {
  return { id, status: 'CONFIRMED', total, items: [{ productId: P, quantity }] };
}
function cancelled(id: string, quantity = 1): OrderFact {
  return { id, status: 'CANCELLED', total: 1000 * quantity, items: [{ productId: P, quantity }] };
}
/** Provider movements with the record the payment service would have written for them. */
function paid(
  orderId: string,
  charges: number[],
  refunds: number[] = [],
  status: PaymentFact['status'] = charges.length === 0
    ? 'FAILED'
    : refunds.length > 0
      ? 'REFUNDED'
      : 'SUCCEEDED',
): PaymentFact {
  return { orderId, charges, refunds, status };
}
function reservation(
  orderId: string,
  state: ReservationFact['state'],
  quantity = 1,
): ReservationFact {
  return { orderId, state, items: [{ productId: P, quantity }] };
}
function stock(available: number, reserved = 0, madeAvailable?: number): StockFact {
  return { productId: P, available, reserved, madeAvailable };
}

/** Two confirmed orders and one cancelled, everything settled, from 10 units. */
function healthy(): ShopSnapshot {
  return {
    orders: [confirmed('o1'), confirmed('o2'), cancelled('o3')],
    payments: [paid('o1', [1000]), paid('o2', [1000]), paid('o3', [1000], [1000])],
    reservations: [
      reservation('o1', 'COMMITTED'),
      reservation('o2', 'COMMITTED'),
      reservation('o3', 'RELEASED'),
    ],
    stock: [stock(8, 0, 10)],
  };
}

const names = (s: ShopSnapshot) => checkSnapshot(s).violations.map((v) => v.invariant);

describe('checkSnapshot', () => {
  test('a settled shop has no violations and counts its orders', () => {
    const report = checkSnapshot(healthy());
    expect(report.ok).toBe(true);
    expect(report.violations).toEqual([]);
    expect(report.orders).toEqual({ total: 3, confirmed: 2, cancelled: 1, pending: 0 });
    expect(report.products).toBe(1);
  });

  test('an order still PENDING is not final', () => {
    const s = healthy();
    const report = checkSnapshot({
      ...s,
      orders: [...s.orders, { ...cancelled('o4'), status: 'PENDING' }],
    });
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([
      { invariant: 'order_final', orderId: 'o4', detail: 'still PENDING' },
    ]);
  });

  test('a cancelled order that kept its charge is reported with its id', () => {
    const s = healthy();
    const report = checkSnapshot({
      ...s,
      payments: [...s.payments.slice(0, 2), paid('o3', [1000])],
    });
    expect(report.violations).toEqual([
      { invariant: 'cancelled_no_charge', orderId: 'o3', detail: 'net charge 1000' },
    ]);
  });

  test('a cancelled order whose payment was declined (no charge) is fine', () => {
    const s = healthy();
    expect(names({ ...s, payments: [...s.payments.slice(0, 2), paid('o3', [])] })).toEqual([]);
    expect(names({ ...s, payments: s.payments.slice(0, 2) })).toEqual([]);
  });

  test('a refund larger than the charge is a net charge too', () => {
    const s = healthy();
    expect(
      names({ ...s, payments: [...s.payments.slice(0, 2), paid('o3', [1000], [1000, 1000])] }),
    ).toEqual(['cancelled_no_charge', 'payment_record']);
  });

  test('a cancelled order that still holds stock breaks the no-reservation rule', () => {
    const s = healthy();
    const reservations = [...s.reservations.slice(0, 2), reservation('o3', 'RESERVED')];
    expect(names({ ...s, reservations, stock: [stock(7, 1, 10)] })).toEqual([
      'cancelled_no_reservation',
    ]);
  });

  test.each([
    ['no charge', []],
    ['a charge of another amount', [999]],
  ])('a confirmed order with %s breaks the one-charge rule', (_what, charges) => {
    const s = healthy();
    const report = checkSnapshot({ ...s, payments: [paid('o1', charges), ...s.payments.slice(1)] });
    expect(report.violations.map((v) => [v.invariant, v.orderId])).toEqual([
      ['confirmed_one_charge', 'o1'],
    ]);
  });

  test('a confirmed order charged twice breaks the one-charge rule', () => {
    const s = healthy();
    const report = checkSnapshot({
      ...s,
      payments: [paid('o1', [1000, 1000]), ...s.payments.slice(1)],
    });
    expect(report.violations.map((v) => [v.invariant, v.orderId])).toEqual([
      ['confirmed_one_charge', 'o1'],
      ['payment_record', 'o1'],
    ]);
  });

  test('a payment left in doubt, or recorded otherwise than the provider charged, is reported', () => {
    const s = healthy();
    const payments = [
      paid('o1', [1000], [], 'PENDING'),
      paid('o2', [1000], [], 'FAILED'),
      paid('o3', [1000], [1000], 'REFUNDED'),
      paid('ghost', [], [], 'AWAITING_STOCK'),
      { orderId: 'unrecorded', charges: [200], refunds: [200] },
    ];
    const report = checkSnapshot({ ...s, payments });
    expect(report.violations.filter((v) => v.invariant === 'payment_record')).toEqual([
      {
        invariant: 'payment_record',
        orderId: 'o1',
        detail: 'recorded PENDING, provider charged [1000] and refunded []',
      },
      {
        invariant: 'payment_record',
        orderId: 'o2',
        detail: 'recorded FAILED, provider charged [1000] and refunded []',
      },
      {
        invariant: 'payment_record',
        orderId: 'ghost',
        detail: 'recorded AWAITING_STOCK, provider charged [] and refunded []',
      },
      {
        invariant: 'payment_record',
        orderId: 'unrecorded',
        detail: 'recorded nothing, provider charged [200] and refunded [200]',
      },
    ]);
  });

  test('a confirmed order that was refunded breaks the one-charge rule', () => {
    const s = healthy();
    expect(names({ ...s, payments: [paid('o1', [1000], [1000]), ...s.payments.slice(1)] })).toEqual(
      ['confirmed_one_charge'],
    );
  });

  test('a confirmed order whose stock is still only reserved is not settled', () => {
    const s = healthy();
    const reservations = [reservation('o1', 'RESERVED'), ...s.reservations.slice(1)];
    expect(names({ ...s, reservations, stock: [stock(8, 1, 10)] })).toEqual([
      'confirmed_stock_committed',
    ]);
  });

  test('a confirmed order whose reservation holds other quantities is reported', () => {
    const s = healthy();
    const reservations = [reservation('o1', 'COMMITTED', 2), ...s.reservations.slice(1)];
    expect(names({ ...s, reservations, stock: [stock(7, 0, 10)] })).toEqual([
      'confirmed_stock_committed',
    ]);
  });

  test('confirming more than was ever made available is an oversell', () => {
    const s = healthy();
    const orders = [confirmed('o1', 6, 1000), confirmed('o2', 6, 1000), s.orders[2]!];
    const reservations = [
      reservation('o1', 'COMMITTED', 6),
      reservation('o2', 'COMMITTED', 6),
      s.reservations[2]!,
    ];
    const report = checkSnapshot({ ...s, orders, reservations, stock: [stock(-2, 0, 10)] });
    expect(report.violations.filter((v) => v.invariant === 'no_oversell')).toEqual([
      { invariant: 'no_oversell', productId: P, detail: 'available -2' },
      {
        invariant: 'no_oversell',
        productId: P,
        detail: 'confirmed 12 units of 10 ever made available',
      },
    ]);
  });

  test('stock that does not add up (a release applied twice) breaks the balance', () => {
    const s = healthy();
    expect(names({ ...s, stock: [stock(9, 0, 10)] })).toEqual(['stock_balance']);
  });

  test('without a record of stock made available, the balance is checked on reservations only', () => {
    const s = healthy();
    expect(names({ ...s, stock: [stock(123, 0)] })).toEqual([]);
    expect(names({ ...s, stock: [stock(123, 4)] })).toEqual(['stock_balance']);
  });

  test('money taken or stock held for an order the order store never saw is an orphan', () => {
    const s = healthy();
    const report = checkSnapshot({
      ...s,
      payments: [...s.payments, paid('ghost', [500]), paid('declined-ghost', [])],
      reservations: [
        ...s.reservations,
        reservation('ghost', 'COMMITTED'),
        reservation('x', 'RELEASED'),
      ],
      stock: [stock(7, 0, 10)],
    });
    expect(report.violations.map((v) => [v.invariant, v.orderId])).toEqual([
      ['orphan_charge', 'ghost'],
      ['orphan_reservation', 'ghost'],
    ]);
  });

  test('with a notification store, each final order has exactly the email of its final state', () => {
    const s = healthy();
    const emails = [
      { orderId: 'o1', kind: 'order_confirmed' as const },
      { orderId: 'o2', kind: 'order_confirmed' as const },
      { orderId: 'o3', kind: 'order_cancelled' as const },
    ];
    expect(names({ ...s, notifications: emails })).toEqual([]);

    const wrong = [
      emails[0]!,
      { orderId: 'o2', kind: 'order_cancelled' as const },
      emails[2]!,
      { orderId: 'o3', kind: 'order_confirmed' as const },
    ];
    expect(checkSnapshot({ ...s, notifications: wrong }).violations).toEqual([
      {
        invariant: 'one_email_per_final_state',
        orderId: 'o2',
        detail: 'CONFIRMED order, emails [order_cancelled]',
      },
      {
        invariant: 'one_email_per_final_state',
        orderId: 'o3',
        detail: 'CANCELLED order, emails [order_cancelled, order_confirmed]',
      },
    ]);
    expect(names({ ...s, notifications: [] })).toEqual(Array(3).fill('one_email_per_final_state'));
  });
});
