import {
  cancel,
  confirm,
  recordSteps,
  type FailureReason,
  type Order,
  type StepName,
  type StepStatus,
} from '../domain/order';
import type { OrderState, SagaStage, SagaState } from '../domain/saga-state';
import { sagaMessages as m, type Message } from './messages';

/*
 * The building blocks both styles' decisions share (orchestration.ts, choreography.ts): pure
 * functions from an order's state to its next state and the messages to send. Nothing here
 * does I/O or looks at the saga mode.
 */

export type SagaMode = 'orchestration' | 'choreography';

/** What inventory and payment did with an order's steps; they move its saga in both styles. */
export type StepOutcomeType =
  | 'inventory.reserved'
  | 'inventory.rejected'
  | 'inventory.released'
  | 'payment.succeeded'
  | 'payment.failed'
  | 'payment.refunded';
export type StepOutcome = Extract<Message, { type: StepOutcomeType }>;

export interface SagaContext {
  readonly mode: SagaMode;
  readonly now: Date;
  readonly stepTimeoutMs: number;
}

/** The order's next state and what to send; the runner stores both in one write. */
export interface Decision {
  readonly state: OrderState;
  readonly messages: readonly Message[];
}

export type StepChange = readonly [StepName, StepStatus];

/** The history entry each outcome adds to the order's steps. */
export const OUTCOME_STEP: { readonly [T in StepOutcomeType]: StepChange } = {
  'inventory.reserved': ['reserve_stock', 'succeeded'],
  'inventory.rejected': ['reserve_stock', 'failed'],
  'inventory.released': ['reserve_stock', 'compensated'],
  'payment.succeeded': ['charge_payment', 'succeeded'],
  'payment.failed': ['charge_payment', 'failed'],
  'payment.refunded': ['charge_payment', 'compensated'],
};

/** The history of a reservation that led to a charge (also when a payment outcome overtook it). */
export const CHARGE_REQUESTED: readonly StepChange[] = [
  ['reserve_stock', 'succeeded'],
  ['charge_payment', 'requested'],
];

/** A new PENDING order waiting for its reservation, with the saga's first messages. */
export function reserving(
  order: Order,
  paymentToken: string,
  messages: readonly Message[],
  ctx: SagaContext,
): Decision {
  const state: OrderState = {
    order: recordSteps(order, [['reserve_stock', 'requested']], ctx.now.toISOString()),
    saga: { stage: 'reserving', deadline: deadlineFrom(ctx), paymentToken },
  };
  return { state, messages };
}

/** Stock reserved: the saga waits for the charge, with a new step deadline. */
export function charging(
  state: OrderState,
  messages: readonly Message[],
  ctx: SagaContext,
): Decision {
  const next: OrderState = {
    order: state.order,
    saga: { ...state.saga, stage: 'charging', deadline: deadlineFrom(ctx) },
  };
  return recorded(next, CHARGE_REQUESTED, messages, ctx);
}

/** Charged: CONFIRMED and `order.confirmed`, then `after(order)`. */
export function confirmed(
  state: OrderState,
  steps: readonly StepChange[],
  after: (order: Order) => readonly Message[],
  ctx: SagaContext,
): Decision {
  const at = ctx.now.toISOString();
  const order = confirm(recordSteps(state.order, steps, at), at);
  return {
    state: { order, saga: finished(state.saga) },
    messages: [m.orderConfirmed(order), ...after(order)],
  };
}

/** CANCELLED for `reason` and `order.cancelled`, followed by the compensations. */
export function cancelled(
  state: OrderState,
  reason: FailureReason,
  steps: readonly StepChange[],
  compensations: readonly Message[],
  ctx: SagaContext,
): Decision {
  const at = ctx.now.toISOString();
  const order = cancel(recordSteps(state.order, steps, at), reason, at);
  return {
    state: { order, saga: finished(state.saga) },
    messages: [m.orderCancelled(order, reason), ...compensations],
  };
}

/** Only history: the steps are added (those already there are skipped). */
export function recorded(
  state: OrderState,
  steps: readonly StepChange[],
  messages: readonly Message[],
  ctx: SagaContext,
): Decision {
  const order = recordSteps(state.order, steps, ctx.now.toISOString());
  return { state: { ...state, order }, messages };
}

/** The step whose deadline passed. */
export function timedOut(state: OrderState): StepChange {
  return [state.saga.stage === 'charging' ? 'charge_payment' : 'reserve_stock', 'timed_out'];
}

function finished(saga: SagaState): SagaState {
  return { ...saga, stage: 'done', deadline: null };
}

function deadlineFrom(ctx: SagaContext): string {
  return new Date(ctx.now.getTime() + ctx.stepTimeoutMs).toISOString();
}

/** What an outcome does to a PENDING order. */
export type Transition = (state: OrderState, ctx: SagaContext) => Decision;

/**
 * One saga style as data: what each outcome does while the order waits in each stage (an
 * outcome not listed there is out of place), and the messages of the moments around them.
 */
export interface SagaStyle {
  /** Sent with `order.created` by a new order. */
  readonly startMessages: (order: Order, paymentToken: string) => readonly Message[];
  readonly whilePending: {
    readonly [S in Exclude<SagaStage, 'done'>]: Partial<Record<StepOutcomeType, Transition>>;
  };
  /** Sent with `order.cancelled` when a step's deadline passes. */
  readonly timeoutCompensations: (order: Order) => readonly Message[];
  /** Sent when an outcome arrives after the order was CANCELLED (it is recorded either way). */
  readonly lateOnCancelled: (order: Order, outcome: StepOutcome) => readonly Message[];
}
