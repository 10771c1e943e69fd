import type { EventType } from '@shop/common';
import {
  cancel,
  confirm,
  recordSteps,
  type FailureReason,
  type Order,
  type StepName,
  type StepStatus,
} from './order';
import { sagaMessages as m, type Message } from './saga-messages';

export type { Message } from './saga-messages';

/**
 * The order placement saga as pure decisions (docs/saga.md): given the order's state and a
 * reply (or the clock), the next state and the messages to send. The store applies a decision
 * atomically; nothing here does I/O.
 */
export type SagaMode = 'orchestration' | 'choreography';
export type SagaStage = 'reserving' | 'charging' | 'done';

export interface SagaState {
  readonly stage: SagaStage;
  /** When the current step times out (ISO-8601); null once the order is final. */
  readonly deadline: string | null;
  /** The test-card token the charge uses (never card data). */
  readonly paymentToken: string;
}

export interface OrderState {
  readonly order: Order;
  readonly saga: SagaState;
}

export const REPLY_TYPES = [
  'inventory.reserved',
  'inventory.rejected',
  'inventory.released',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
] as const satisfies readonly EventType[];
export type ReplyType = (typeof REPLY_TYPES)[number];
export type Reply = Extract<Message, { type: ReplyType }>;

export interface SagaContext {
  readonly mode: SagaMode;
  readonly now: Date;
  readonly stepTimeoutMs: number;
}

export interface Decision {
  readonly state: OrderState;
  readonly messages: readonly Message[];
}

type StepChange = readonly [StepName, StepStatus];

const CHARGE_REQUESTED: readonly StepChange[] = [
  ['reserve_stock', 'succeeded'],
  ['charge_payment', 'requested'],
];

/** A new order: `order.created`, and in orchestration the first command, `reserve_stock`. */
export function startSaga(order: Order, paymentToken: string, ctx: SagaContext): Decision {
  const state: OrderState = {
    order: recordSteps(order, [['reserve_stock', 'requested']], ctx.now.toISOString()),
    saga: { stage: 'reserving', deadline: deadlineFrom(ctx), paymentToken },
  };
  const created = m.orderCreated(order, paymentToken);
  return {
    state,
    messages: orchestrated(ctx) ? [created, m.reserveStock(order)] : [created],
  };
}

/** What a reply changes; undefined when it changes nothing (a repeat, or out of place). */
export function onReply(state: OrderState, reply: Reply, ctx: SagaContext): Decision | undefined {
  const decision =
    state.order.status === 'PENDING'
      ? onPendingReply(state, reply, ctx)
      : onLateReply(state, reply, ctx);
  if (!decision) return undefined;
  const unchanged = decision.state.order === state.order && decision.state.saga === state.saga;
  return unchanged && decision.messages.length === 0 ? undefined : decision;
}

/** A PENDING order past its step deadline is cancelled with TIMEOUT and compensated. */
export function onDeadline(state: OrderState, ctx: SagaContext): Decision | undefined {
  const { order, saga } = state;
  if (order.status !== 'PENDING' || saga.deadline === null) return undefined;
  if (Date.parse(saga.deadline) > ctx.now.getTime()) return undefined;
  const step: StepName = saga.stage === 'charging' ? 'charge_payment' : 'reserve_stock';
  const compensations = orchestrated(ctx) ? [m.releaseStock(order), m.refund(order)] : [];
  return cancelled(state, 'TIMEOUT', [[step, 'timed_out']], compensations, ctx);
}

function onPendingReply(state: OrderState, reply: Reply, ctx: SagaContext): Decision | undefined {
  const { order, saga } = state;
  // Orchestration asked for one step at a time: a reply to another is out of place.
  const expects = (stage: SagaStage) => !orchestrated(ctx) || saga.stage === stage;
  switch (reply.type) {
    case 'inventory.reserved':
      return saga.stage === 'reserving' ? charging(state, ctx) : undefined;
    case 'inventory.rejected':
      if (!expects('reserving')) return undefined;
      return cancelled(state, 'OUT_OF_STOCK', [['reserve_stock', 'failed']], [], ctx);
    case 'payment.succeeded':
      return expects('charging') ? confirmed(state, ctx) : undefined;
    case 'payment.failed': {
      if (!expects('charging')) return undefined;
      const steps = [...CHARGE_REQUESTED, ['charge_payment', 'failed'] as const];
      const release = orchestrated(ctx) ? [m.releaseStock(order)] : [];
      return cancelled(state, 'PAYMENT_DECLINED', steps, release, ctx);
    }
    default:
      return recorded(state, [stepOf(reply)], [], ctx);
  }
}

/**
 * After the final state a reply is only history, except in orchestration where a CANCELLED
 * order answers a late success with its compensation (release the stock, refund the charge).
 */
function onLateReply(state: OrderState, reply: Reply, ctx: SagaContext): Decision | undefined {
  const { order } = state;
  const next = recordSteps(order, [stepOf(reply)], ctx.now.toISOString());
  if (next === order) return undefined;
  const compensate = orchestrated(ctx) && order.status === 'CANCELLED';
  const compensation =
    compensate && reply.type === 'inventory.reserved'
      ? [m.releaseStock(order)]
      : compensate && reply.type === 'payment.succeeded'
        ? [m.refund(order)]
        : [];
  return { state: { ...state, order: next }, messages: compensation };
}

function charging(state: OrderState, ctx: SagaContext): Decision {
  const { order, saga } = state;
  const next: OrderState = {
    order,
    saga: { ...saga, stage: 'charging', deadline: deadlineFrom(ctx) },
  };
  const charge = orchestrated(ctx) ? [m.charge(order, saga.paymentToken)] : [];
  return recorded(next, CHARGE_REQUESTED, charge, ctx);
}

function confirmed(state: OrderState, ctx: SagaContext): Decision {
  const at = ctx.now.toISOString();
  const steps: StepChange[] = [...CHARGE_REQUESTED, ['charge_payment', 'succeeded']];
  if (orchestrated(ctx)) steps.push(['commit_stock', 'requested']);
  const order = confirm(recordSteps(state.order, steps, at), at);
  const messages = [m.orderConfirmed(order)];
  if (orchestrated(ctx)) messages.push(m.commitStock(order));
  return { state: { order, saga: finished(state.saga) }, messages };
}

function cancelled(
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

function recorded(
  state: OrderState,
  steps: readonly StepChange[],
  messages: readonly Message[],
  ctx: SagaContext,
): Decision {
  const order = recordSteps(state.order, steps, ctx.now.toISOString());
  return { state: { ...state, order }, messages };
}

function stepOf(reply: Reply): StepChange {
  switch (reply.type) {
    case 'inventory.reserved':
      return ['reserve_stock', 'succeeded'];
    case 'inventory.rejected':
      return ['reserve_stock', 'failed'];
    case 'inventory.released':
      return ['reserve_stock', 'compensated'];
    case 'payment.succeeded':
      return ['charge_payment', 'succeeded'];
    case 'payment.failed':
      return ['charge_payment', 'failed'];
    case 'payment.refunded':
      return ['charge_payment', 'compensated'];
  }
}

const orchestrated = (ctx: SagaContext) => ctx.mode === 'orchestration';

function finished(saga: SagaState): SagaState {
  return { ...saga, stage: 'done', deadline: null };
}

function deadlineFrom(ctx: SagaContext): string {
  return new Date(ctx.now.getTime() + ctx.stepTimeoutMs).toISOString();
}
