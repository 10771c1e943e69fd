import { onDeadline, onOutcome } from '../../../src/saga/decisions';
import { after, charged, ctx, declined, reserved, started, steps, types } from './fixtures';

describe('the choreographed saga', () => {
  const mode = 'choreography';

  test('sends facts only, never commands', () => {
    expect(types(started(mode))).toEqual(['order.created']);
    expect(started(mode).messages[0]!.data).toMatchObject({ payment: { token: 'tok_visa' } });
    expect(types(onOutcome(started(mode).state, reserved, ctx(mode)))).toEqual([]);
    expect(types(onOutcome(after(mode, reserved), charged, ctx(mode)))).toEqual([
      'order.confirmed',
    ]);
    expect(types(onOutcome(after(mode, reserved), declined, ctx(mode)))).toEqual([
      'order.cancelled',
    ]);
    expect(types(onDeadline(started(mode).state, ctx(mode, 10_000)))).toEqual(['order.cancelled']);
  });

  test('a payment outcome may overtake the reservation fact', () => {
    const confirmed = onOutcome(started(mode).state, charged, ctx(mode))!.state;
    expect(confirmed.order.status).toBe('CONFIRMED');
    expect(steps(confirmed)).toContain('reserve_stock:succeeded');
    expect(onOutcome(confirmed, reserved, ctx(mode))).toBeUndefined();
  });

  test('late replies are only history: inventory and payment compensate on order.cancelled', () => {
    const timedOut = onDeadline(started(mode).state, ctx(mode, 10_000))!.state;
    const late = onOutcome(timedOut, charged, ctx(mode));
    expect(late!.messages).toEqual([]);
    expect(steps(late!.state)).toContain('charge_payment:succeeded');
  });
});
