import { newOrder } from '../../src/domain/order';
import {
  onDeadline,
  onReply,
  startSaga,
  type Decision,
  type OrderState,
  type Reply,
  type SagaContext,
  type SagaMode,
} from '../../src/domain/saga';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const orderId = 'o-1';
const items = [{ productId: 'p-1', name: 'Kettle', unitPrice: 2999, quantity: 2 }];

const ctx = (mode: SagaMode, atMs = 1000): SagaContext => ({
  mode,
  now: new Date(T0 + atMs),
  stepTimeoutMs: 10_000,
});

const reserved: Reply = {
  type: 'inventory.reserved',
  data: { orderId, items: [{ productId: 'p-1', quantity: 2 }] },
};
const rejected: Reply = { type: 'inventory.rejected', data: { orderId, reason: 'OUT_OF_STOCK' } };
const charged: Reply = {
  type: 'payment.succeeded',
  data: { orderId, paymentId: 'pay-1', amount: 5998 },
};
const declined: Reply = { type: 'payment.failed', data: { orderId, reason: 'PAYMENT_DECLINED' } };
const released: Reply = { type: 'inventory.released', data: { orderId } };

function started(mode: SagaMode): Decision {
  const order = newOrder({ id: orderId, userId: 'u-1', items, at: new Date(T0).toISOString() });
  return startSaga(order, 'tok_visa', ctx(mode, 0));
}

/** Applies replies in turn; each must change something. */
function after(mode: SagaMode, ...replies: Reply[]): OrderState {
  return replies.reduce((state, reply) => {
    const decision = onReply(state, reply, ctx(mode));
    if (!decision) throw new Error(`${reply.type} changed nothing`);
    return decision.state;
  }, started(mode).state);
}

const types = (d: Decision | undefined) => d?.messages.map((m) => m.type);
const steps = (s: OrderState) => s.order.steps.map((x) => `${x.name}:${x.status}`);

describe('the orchestrated saga', () => {
  const mode = 'orchestration';

  test('a new order announces itself and asks inventory to reserve, with a step deadline', () => {
    const start = started(mode);
    expect(types(start)).toEqual(['order.created', 'inventory.reserve_stock']);
    expect(start.messages[1]!.data).toEqual({
      orderId,
      items: [{ productId: 'p-1', quantity: 2 }],
    });
    expect(start.state.saga).toEqual({
      stage: 'reserving',
      deadline: '2026-01-01T00:00:10.000Z',
      paymentToken: 'tok_visa',
    });
    expect(steps(start.state)).toEqual(['reserve_stock:requested']);
  });

  test('stock reserved -> charge the total with the token, new deadline', () => {
    const decision = onReply(started(mode).state, reserved, ctx(mode, 2000));
    expect(types(decision)).toEqual(['payment.charge']);
    expect(decision!.messages[0]!.data).toEqual({
      orderId,
      userId: 'u-1',
      amount: 5998,
      currency: 'USD',
      token: 'tok_visa',
    });
    expect(decision!.state.saga).toMatchObject({
      stage: 'charging',
      deadline: '2026-01-01T00:00:12.000Z',
    });
  });

  test('charged -> CONFIRMED, order.confirmed and commit the stock', () => {
    const decision = onReply(after(mode, reserved), charged, ctx(mode));
    expect(types(decision)).toEqual(['order.confirmed', 'inventory.commit_stock']);
    expect(decision!.state.order.status).toBe('CONFIRMED');
    expect(decision!.state.saga).toMatchObject({ stage: 'done', deadline: null });
    expect(steps(decision!.state)).toEqual([
      'reserve_stock:requested',
      'reserve_stock:succeeded',
      'charge_payment:requested',
      'charge_payment:succeeded',
      'commit_stock:requested',
    ]);
  });

  test('out of stock -> CANCELLED OUT_OF_STOCK, nothing to compensate', () => {
    const decision = onReply(started(mode).state, rejected, ctx(mode));
    expect(types(decision)).toEqual(['order.cancelled']);
    expect(decision!.messages[0]!.data).toMatchObject({ reason: 'OUT_OF_STOCK', total: 5998 });
    expect(decision!.state.order).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'OUT_OF_STOCK',
    });
  });

  test('declined -> CANCELLED PAYMENT_DECLINED and the stock released', () => {
    const decision = onReply(after(mode, reserved), declined, ctx(mode));
    expect(types(decision)).toEqual(['order.cancelled', 'inventory.release_stock']);
    expect(decision!.state.order.failureReason).toBe('PAYMENT_DECLINED');
  });

  test('no reply by the deadline -> CANCELLED TIMEOUT with both compensations', () => {
    const waiting = after(mode, reserved);
    expect(onDeadline(waiting, ctx(mode, 10_999))).toBeUndefined();
    const decision = onDeadline(waiting, ctx(mode, 11_000));
    expect(types(decision)).toEqual([
      'order.cancelled',
      'inventory.release_stock',
      'payment.refund',
    ]);
    expect(decision!.state.order.failureReason).toBe('TIMEOUT');
    expect(steps(decision!.state)).toContain('charge_payment:timed_out');
  });

  test('a repeated reply changes nothing', () => {
    const charging = after(mode, reserved);
    expect(onReply(charging, reserved, ctx(mode))).toBeUndefined();
    const confirmed = onReply(charging, charged, ctx(mode))!.state;
    expect(onReply(confirmed, charged, ctx(mode))).toBeUndefined();
    expect(onReply(confirmed, reserved, ctx(mode))).toBeUndefined();
  });

  test('a payment outcome before the charge was asked for is ignored', () => {
    expect(onReply(started(mode).state, charged, ctx(mode))).toBeUndefined();
    expect(onReply(started(mode).state, declined, ctx(mode))).toBeUndefined();
  });

  test('late successes on a CANCELLED order get their compensation, once', () => {
    const timedOut = onDeadline(started(mode).state, ctx(mode, 10_000))!.state;
    const lateReserve = onReply(timedOut, reserved, ctx(mode));
    expect(types(lateReserve)).toEqual(['inventory.release_stock']);
    const lateCharge = onReply(lateReserve!.state, charged, ctx(mode));
    expect(types(lateCharge)).toEqual(['payment.refund']);
    expect(lateCharge!.state.order.status).toBe('CANCELLED');
    expect(onReply(lateCharge!.state, charged, ctx(mode))).toBeUndefined();
  });

  test('a confirmed order is never compensated', () => {
    const confirmed = after(mode, reserved, charged);
    expect(onReply(confirmed, declined, ctx(mode))?.messages ?? []).toEqual([]);
    expect(onDeadline(confirmed, ctx(mode, 60_000))).toBeUndefined();
  });

  test('compensation facts are recorded in the history', () => {
    const cancelled = after(mode, reserved, declined, released);
    expect(steps(cancelled)).toContain('reserve_stock:compensated');
    expect(cancelled.order.status).toBe('CANCELLED');
  });
});

describe('the choreographed saga', () => {
  const mode = 'choreography';

  test('sends facts only, never commands', () => {
    expect(types(started(mode))).toEqual(['order.created']);
    expect(started(mode).messages[0]!.data).toMatchObject({ payment: { token: 'tok_visa' } });
    expect(types(onReply(started(mode).state, reserved, ctx(mode)))).toEqual([]);
    expect(types(onReply(after(mode, reserved), charged, ctx(mode)))).toEqual(['order.confirmed']);
    expect(types(onReply(after(mode, reserved), declined, ctx(mode)))).toEqual(['order.cancelled']);
    expect(types(onDeadline(started(mode).state, ctx(mode, 10_000)))).toEqual(['order.cancelled']);
  });

  test('a payment outcome may overtake the reservation fact', () => {
    const confirmed = onReply(started(mode).state, charged, ctx(mode))!.state;
    expect(confirmed.order.status).toBe('CONFIRMED');
    expect(steps(confirmed)).toContain('reserve_stock:succeeded');
    expect(onReply(confirmed, reserved, ctx(mode))).toBeUndefined();
  });

  test('late replies are only history: inventory and payment compensate on order.cancelled', () => {
    const timedOut = onDeadline(started(mode).state, ctx(mode, 10_000))!.state;
    const late = onReply(timedOut, charged, ctx(mode));
    expect(late!.messages).toEqual([]);
    expect(steps(late!.state)).toContain('charge_payment:succeeded');
  });
});
