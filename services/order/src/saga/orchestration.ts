import type { Order, StepName } from '../domain/order';
import { sagaMessages as m, type Message } from './messages';
import {
  CHARGE_REQUESTED,
  OUTCOME_STEP,
  cancelled,
  charging,
  confirmed,
  type SagaStyle,
  type StepOutcomeType,
} from './transitions';

/** A command the order service sends, and the command that undoes its effect (if any). */
export interface OrchestratedStep {
  readonly command: (order: Order, paymentToken: string) => Message;
  readonly compensation: ((order: Order) => Message) | undefined;
}

/**
 * The forward steps the order service commands, each with the command that undoes it.
 * Stock is committed only after CONFIRMED, and a confirmed order is never compensated.
 */
export const ORCHESTRATED_STEPS = {
  reserve_stock: { command: m.reserveStock, compensation: m.releaseStock },
  charge_payment: { command: m.charge, compensation: m.refund },
  commit_stock: { command: m.commitStock, compensation: undefined },
} as const satisfies Record<StepName, OrchestratedStep>;

const { reserve_stock: reserve, charge_payment: charge, commit_stock: commit } = ORCHESTRATED_STEPS;

/**
 * Orchestration (docs/saga.md): the order service asks for one step at a time and advances
 * on its outcome; an outcome of a step it did not ask for yet is out of place and ignored
 * (the deadline settles such an order). Compensations are commands it sends itself.
 */
export const orchestration: SagaStyle = {
  startMessages: (order) => [reserve.command(order)],

  whilePending: {
    reserving: {
      'inventory.reserved': (state, ctx) =>
        charging(state, [charge.command(state.order, state.saga.paymentToken)], ctx),
      'inventory.rejected': (state, ctx) =>
        cancelled(state, 'OUT_OF_STOCK', [OUTCOME_STEP['inventory.rejected']], [], ctx),
    },
    charging: {
      'payment.succeeded': (state, ctx) =>
        confirmed(
          state,
          [...CHARGE_REQUESTED, OUTCOME_STEP['payment.succeeded'], ['commit_stock', 'requested']],
          (order) => [commit.command(order)],
          ctx,
        ),
      'payment.failed': (state, ctx) =>
        cancelled(
          state,
          'PAYMENT_DECLINED',
          [...CHARGE_REQUESTED, OUTCOME_STEP['payment.failed']],
          [reserve.compensation(state.order)],
          ctx,
        ),
    },
  },

  // Either step may have happened without its reply reaching us: undo both.
  timeoutCompensations: (order) => [reserve.compensation(order), charge.compensation(order)],

  lateOnCancelled: (order, outcome) => lateCompensation(order, outcome.type),
};

/** A success that arrives after the cancellation is undone (once: repeats change nothing). */
function lateCompensation(order: Order, type: StepOutcomeType): Message[] {
  if (type === 'inventory.reserved') return [reserve.compensation(order)];
  if (type === 'payment.succeeded') return [charge.compensation(order)];
  return [];
}
