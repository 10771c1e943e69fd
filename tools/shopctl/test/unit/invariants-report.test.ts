import { formatReport } from '../../src/invariants/report';

describe('formatReport', () => {
  test('a clean report is one line of counts', () => {
    const text = formatReport({
      ok: true,
      orders: { total: 3, confirmed: 2, cancelled: 1, pending: 0 },
      products: 1,
      violations: [],
    });
    expect(text).toBe(
      'invariants: all hold (3 orders: 2 confirmed, 1 cancelled, 0 pending; 1 products)\n',
    );
  });

  test('each violation is listed with its order or product', () => {
    const text = formatReport({
      ok: false,
      orders: { total: 1, confirmed: 0, cancelled: 1, pending: 0 },
      products: 1,
      violations: [
        { invariant: 'cancelled_no_charge', orderId: 'o1', detail: 'net charge 500' },
        { invariant: 'no_oversell', productId: 'p1', detail: 'available -1' },
      ],
    });
    expect(text.split('\n')).toEqual([
      expect.stringContaining('2 violation(s)'),
      expect.stringMatching(/cancelled_no_charge +order o1: net charge 500/),
      expect.stringMatching(/no_oversell +product p1: available -1/),
      '',
    ]);
  });
});
