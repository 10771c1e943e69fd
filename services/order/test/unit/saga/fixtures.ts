import { newOrder } from '../../../src/domain/order';
import type { OrderState } from '../../../src/domain/saga-state';
import { onOutcome, startSaga } from '../../../src/saga/decisions';
import type {
  Decision,
  SagaContext,
  SagaMode,
  StepOutcome,
  StepOutcomeType,
} from '../../../src/saga/transitions';

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const orderId = 'o-1';
const items = [{ productId: 'p-1', name: 'Kettle', unitPrice: 2999, quantity: 2 }];

/** The saga's clock `atMs` after T0, with a 10 s step timeout. */
export const ctx = (mode: SagaMode, atMs = 1000): SagaContext => ({
  mode,
  now: new Date(T0 + atMs),
  stepTimeoutMs: 10_000,
});

/** One outcome of each type for order o-1 (a 2 × $29.99 kettle order). */
export const outcomes: { readonly [T in StepOutcomeType]: Extract<StepOutcome, { type: T }> } = {
  'inventory.reserved': {
    type: 'inventory.reserved',
    data: { orderId, items: [{ productId: 'p-1', quantity: 2 }] },
  },
  'inventory.rejected': {
    type: 'inventory.rejected',
    data: { orderId, reason: 'OUT_OF_STOCK' },
  },
  'inventory.released': { type: 'inventory.released', data: { orderId } },
  'payment.succeeded': {
    type: 'payment.succeeded',
    data: { orderId, paymentId: 'pay-1', amount: 5998 },
  },
  'payment.failed': { type: 'payment.failed', data: { orderId, reason: 'PAYMENT_DECLINED' } },
  'payment.refunded': {
    type: 'payment.refunded',
    data: { orderId, paymentId: 'pay-1', amount: 5998 },
  },
};
export const {
  'inventory.reserved': reserved,
  'inventory.rejected': rejected,
  'inventory.released': released,
  'payment.succeeded': charged,
  'payment.failed': declined,
} = outcomes;

/** The saga of a new order, started at T0. */
export function started(mode: SagaMode): Decision {
  const order = newOrder({ id: orderId, userId: 'u-1', items, at: new Date(T0).toISOString() });
  return startSaga(order, 'tok_visa', ctx(mode, 0));
}

/** A new order's state after the outcomes in turn; each must change something. */
export function after(mode: SagaMode, ...applied: StepOutcome[]): OrderState {
  return applied.reduce((state, outcome) => {
    const decision = onOutcome(state, outcome, ctx(mode));
    if (!decision) throw new Error(`${outcome.type} changed nothing`);
    return decision.state;
  }, started(mode).state);
}

export const types = (d: Decision | undefined) => d?.messages.map((m) => m.type);
export const steps = (s: OrderState) => s.order.steps.map((x) => `${x.name}:${x.status}`);
