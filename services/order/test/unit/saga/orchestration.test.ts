import { ORCHESTRATED_STEPS, type OrchestratedStep } from '../../../src/saga/orchestration';
import { onDeadline, onOutcome } from '../../../src/saga/decisions';
import {
  after,
  charged,
  ctx,
  declined,
  orderId,
  rejected,
  released,
  reserved,
  started,
  steps,
  types,
} from './fixtures';

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
    const decision = onOutcome(started(mode).state, reserved, ctx(mode, 2000));
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
    const decision = onOutcome(after(mode, reserved), charged, ctx(mode));
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
    const decision = onOutcome(started(mode).state, rejected, ctx(mode));
    expect(types(decision)).toEqual(['order.cancelled']);
    expect(decision!.messages[0]!.data).toMatchObject({ reason: 'OUT_OF_STOCK', total: 5998 });
    expect(decision!.state.order).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'OUT_OF_STOCK',
    });
  });

  test('declined -> CANCELLED PAYMENT_DECLINED and the stock released', () => {
    const decision = onOutcome(after(mode, reserved), declined, ctx(mode));
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
    expect(onOutcome(charging, reserved, ctx(mode))).toBeUndefined();
    const confirmed = onOutcome(charging, charged, ctx(mode))!.state;
    expect(onOutcome(confirmed, charged, ctx(mode))).toBeUndefined();
    expect(onOutcome(confirmed, reserved, ctx(mode))).toBeUndefined();
  });

  test('a payment outcome before the charge was asked for is ignored', () => {
    expect(onOutcome(started(mode).state, charged, ctx(mode))).toBeUndefined();
    expect(onOutcome(started(mode).state, declined, ctx(mode))).toBeUndefined();
  });

  test('late successes on a CANCELLED order get their compensation, once', () => {
    const timedOut = onDeadline(started(mode).state, ctx(mode, 10_000))!.state;
    const lateReserve = onOutcome(timedOut, reserved, ctx(mode));
    expect(types(lateReserve)).toEqual(['inventory.release_stock']);
    const lateCharge = onOutcome(lateReserve!.state, charged, ctx(mode));
    expect(types(lateCharge)).toEqual(['payment.refund']);
    expect(lateCharge!.state.order.status).toBe('CANCELLED');
    expect(onOutcome(lateCharge!.state, charged, ctx(mode))).toBeUndefined();
  });

  test('a confirmed order is never compensated', () => {
    const confirmed = after(mode, reserved, charged);
    expect(onOutcome(confirmed, declined, ctx(mode))?.messages ?? []).toEqual([]);
    expect(onDeadline(confirmed, ctx(mode, 60_000))).toBeUndefined();
  });

  test('compensation facts are recorded in the history', () => {
    const cancelled = after(mode, reserved, declined, released);
    expect(steps(cancelled)).toContain('reserve_stock:compensated');
    expect(cancelled.order.status).toBe('CANCELLED');
  });
});

describe('the orchestrated steps', () => {
  test('each forward command names the command that undoes it; commit_stock has none', () => {
    const order = started('orchestration').state.order;
    const table: Record<string, OrchestratedStep> = ORCHESTRATED_STEPS;
    const pairs = Object.entries(table).map(([step, { command, compensation }]) => [
      step,
      command(order, 'tok_visa').type,
      compensation?.(order).type,
    ]);
    expect(pairs).toEqual([
      ['reserve_stock', 'inventory.reserve_stock', 'inventory.release_stock'],
      ['charge_payment', 'payment.charge', 'payment.refund'],
      ['commit_stock', 'inventory.commit_stock', undefined],
    ]);
  });
});
