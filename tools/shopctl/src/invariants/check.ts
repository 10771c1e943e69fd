import { notificationViolations } from './notifications';
import { paymentRecordViolations } from './payment-record';
import type {
  InvariantReport,
  OrderFact,
  PaymentFact,
  ReservationFact,
  ShopSnapshot,
  StockFact,
  StockLine,
  Violation,
} from './model';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const netCharge = (p: PaymentFact | undefined) => (p ? sum(p.charges) - sum(p.refunds) : 0);
const holdsStock = (r: ReservationFact | undefined) =>
  r?.state === 'RESERVED' || r?.state === 'COMMITTED';

/**
 * Checks every saga invariant of DESIGN.md over one snapshot of the three stores. Meant to run
 * after quiescence (no saga in flight): a PENDING order is itself a violation.
 */
export function checkSnapshot(snapshot: ShopSnapshot): InvariantReport {
  const payments = new Map(snapshot.payments.map((p) => [p.orderId, p]));
  const reservations = new Map(snapshot.reservations.map((r) => [r.orderId, r]));
  const violations: Violation[] = [];
  for (const order of snapshot.orders) {
    violations.push(...orderViolations(order, payments.get(order.id), reservations.get(order.id)));
  }
  violations.push(...orphanViolations(snapshot));
  for (const payment of snapshot.payments) violations.push(...paymentRecordViolations(payment));
  if (snapshot.notifications) {
    violations.push(...notificationViolations(snapshot.orders, snapshot.notifications));
  }
  for (const stock of snapshot.stock) violations.push(...stockViolations(stock, snapshot));
  const count = (status: OrderFact['status']) =>
    snapshot.orders.filter((o) => o.status === status).length;
  return {
    ok: violations.length === 0,
    orders: {
      total: snapshot.orders.length,
      confirmed: count('CONFIRMED'),
      cancelled: count('CANCELLED'),
      pending: count('PENDING'),
    },
    products: snapshot.stock.length,
    violations,
  };
}

function orderViolations(
  order: OrderFact,
  payment: PaymentFact | undefined,
  reservation: ReservationFact | undefined,
): Violation[] {
  const orderId = order.id;
  if (order.status === 'PENDING') {
    return [{ invariant: 'order_final', orderId, detail: 'still PENDING' }];
  }
  const net = netCharge(payment);
  if (order.status === 'CANCELLED') {
    const found: Violation[] = [];
    if (net !== 0 || (payment && sum(payment.refunds) > sum(payment.charges))) {
      found.push({ invariant: 'cancelled_no_charge', orderId, detail: `net charge ${net}` });
    }
    if (holdsStock(reservation)) {
      const detail = `reservation ${reservation!.state}`;
      found.push({ invariant: 'cancelled_no_reservation', orderId, detail });
    }
    return found;
  }
  return confirmedViolations(order, payment, reservation);
}

function confirmedViolations(
  order: OrderFact,
  payment: PaymentFact | undefined,
  reservation: ReservationFact | undefined,
): Violation[] {
  const orderId = order.id;
  const found: Violation[] = [];
  const charges = payment?.charges ?? [];
  const refunds = payment?.refunds ?? [];
  if (charges.length !== 1 || charges[0] !== order.total || refunds.length > 0) {
    const detail = `charges [${charges.join(', ')}], refunds [${refunds.join(', ')}], total ${order.total}`;
    found.push({ invariant: 'confirmed_one_charge', orderId, detail });
  }
  if (reservation?.state !== 'COMMITTED' || !sameLines(reservation.items, order.items)) {
    const detail = reservation
      ? `reservation ${reservation.state} of ${describeLines(reservation.items)}, order ${describeLines(order.items)}`
      : 'no reservation';
    found.push({ invariant: 'confirmed_stock_committed', orderId, detail });
  }
  return found;
}

function orphanViolations(snapshot: ShopSnapshot): Violation[] {
  const known = new Set(snapshot.orders.map((o) => o.id));
  const found: Violation[] = [];
  for (const payment of snapshot.payments) {
    const net = netCharge(payment);
    if (!known.has(payment.orderId) && net !== 0) {
      const detail = `net charge ${net} for an order the order store does not have`;
      found.push({ invariant: 'orphan_charge', orderId: payment.orderId, detail });
    }
  }
  for (const reservation of snapshot.reservations) {
    if (!known.has(reservation.orderId) && holdsStock(reservation)) {
      const detail = `reservation ${reservation.state} for an order the order store does not have`;
      found.push({ invariant: 'orphan_reservation', orderId: reservation.orderId, detail });
    }
  }
  return found;
}

function stockViolations(stock: StockFact, snapshot: ShopSnapshot): Violation[] {
  const { productId } = stock;
  const confirmed = quantityOf(
    productId,
    snapshot.orders.filter((o) => o.status === 'CONFIRMED').map((o) => o.items),
  );
  const committed = quantityOf(productId, linesIn(snapshot.reservations, 'COMMITTED'));
  const reserved = quantityOf(productId, linesIn(snapshot.reservations, 'RESERVED'));
  const found: Violation[] = [];
  const oversell = (detail: string) => found.push({ invariant: 'no_oversell', productId, detail });
  if (stock.available < 0) oversell(`available ${stock.available}`);
  if (stock.madeAvailable !== undefined && confirmed > stock.madeAvailable) {
    oversell(`confirmed ${confirmed} units of ${stock.madeAvailable} ever made available`);
  }
  const balance = (detail: string) => found.push({ invariant: 'stock_balance', productId, detail });
  if (stock.reserved !== reserved) {
    balance(`reserved ${stock.reserved}, but open reservations hold ${reserved}`);
  }
  const accounted = stock.available + stock.reserved + committed;
  if (stock.madeAvailable !== undefined && accounted !== stock.madeAvailable) {
    balance(
      `available ${stock.available} + reserved ${stock.reserved} + committed ${committed} != ${stock.madeAvailable} made available`,
    );
  }
  return found;
}

function linesIn(
  reservations: readonly ReservationFact[],
  state: ReservationFact['state'],
): Array<readonly StockLine[]> {
  return reservations.filter((r) => r.state === state).map((r) => r.items);
}

function quantityOf(productId: string, lineSets: Array<readonly StockLine[]>): number {
  return sum(
    lineSets
      .flatMap((lines) => lines.filter((l) => l.productId === productId))
      .map((l) => l.quantity),
  );
}

/** Equal quantities per product, whatever the order or split of the lines. */
function sameLines(a: readonly StockLine[], b: readonly StockLine[]): boolean {
  const totals = (lines: readonly StockLine[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l.productId, (m.get(l.productId) ?? 0) + l.quantity);
    return m;
  };
  const ta = totals(a);
  const tb = totals(b);
  return ta.size === tb.size && [...ta].every(([id, q]) => tb.get(id) === q);
}

function describeLines(lines: readonly StockLine[]): string {
  return lines.map((l) => `${l.quantity}x${l.productId}`).join(', ') || 'nothing';
}
