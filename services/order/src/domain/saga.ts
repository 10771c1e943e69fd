import type { EventData, EventType } from '@shop/common';
import {
  cancel,
  confirm,
  recordSteps,
  type FailureReason,
  type Order,
  type StepName,
  type StepStatus,
} from './order';

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

/** A message to send, before it gets its envelope. */
export type Message = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

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

/** A new order: `order.created`, and in orchestration the first command, `reserve_stock`. */
export function startSaga(order: Order, paymentToken: string, ctx: SagaContext): Decision {
  const at = ctx.now.toISOString();
  const state: OrderState = {
    order: recordSteps(order, [['reserve_stock', 'requested']], at),
    saga: { stage: 'reserving', deadline: deadlineFrom(ctx), paymentToken },
  };
  const created: Message = {
    type: 'order.created',
    data: { ...orderFacts(order), currency: 'USD', payment: { token: paymentToken } },
  };
  const reserve: Message = { type: 'inventory.reserve_stock', data: stockOf(order) };
  return { state, messages: ctx.mode === 'orchestration' ? [created, reserve] : [created] };
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
  const compensations: Message[] =
    ctx.mode === 'orchestration'
      ? [
          { type: 'inventory.release_stock', data: { orderId: order.id } },
          { type: 'payment.refund', data: { orderId: order.id } },
        ]
      : [];
  return cancelled(state, 'TIMEOUT', [[step, 'timed_out']], compensations, ctx);
}

function onPendingReply(state: OrderState, reply: Reply, ctx: SagaContext): Decision | undefined {
  const orchestrated = ctx.mode === 'orchestration';
  const stage = state.saga.stage;
  const id = state.order.id;
  switch (reply.type) {
    case 'inventory.reserved':
      return stage === 'reserving' ? charging(state, ctx) : undefined;
    case 'inventory.rejected':
      if (orchestrated && stage !== 'reserving') return undefined;
      return cancelled(state, 'OUT_OF_STOCK', [['reserve_stock', 'failed']], [], ctx);
    case 'payment.succeeded':
      return orchestrated && stage !== 'charging' ? undefined : confirmed(state, ctx);
    case 'payment.failed': {
      if (orchestrated && stage !== 'charging') return undefined;
      const release: Message[] = orchestrated
        ? [{ type: 'inventory.release_stock', data: { orderId: id } }]
        : [];
      const steps = [...chargeRequested, ['charge_payment', 'failed'] as const];
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
  const compensate = ctx.mode === 'orchestration' && state.order.status === 'CANCELLED';
  const orderId = state.order.id;
  const compensation: Message[] = !compensate
    ? []
    : reply.type === 'inventory.reserved'
      ? [{ type: 'inventory.release_stock', data: { orderId } }]
      : reply.type === 'payment.succeeded'
        ? [{ type: 'payment.refund', data: { orderId } }]
        : [];
  const next = recordSteps(state.order, [stepOf(reply)], ctx.now.toISOString());
  if (next === state.order) return undefined;
  return { state: { ...state, order: next }, messages: compensation };
}

const chargeRequested: StepChange[] = [
  ['reserve_stock', 'succeeded'],
  ['charge_payment', 'requested'],
];

function charging(state: OrderState, ctx: SagaContext): Decision {
  const { order, saga } = state;
  const charge: Message = {
    type: 'payment.charge',
    data: {
      orderId: order.id,
      userId: order.userId,
      amount: order.total,
      currency: 'USD',
      token: saga.paymentToken,
    },
  };
  const next = { ...saga, stage: 'charging' as const, deadline: deadlineFrom(ctx) };
  return recorded(
    { order, saga: next },
    chargeRequested,
    ctx.mode === 'orchestration' ? [charge] : [],
    ctx,
  );
}

function confirmed(state: OrderState, ctx: SagaContext): Decision {
  const orchestrated = ctx.mode === 'orchestration';
  const at = ctx.now.toISOString();
  const steps: StepChange[] = [...chargeRequested, ['charge_payment', 'succeeded']];
  if (orchestrated) steps.push(['commit_stock', 'requested']);
  const order = confirm(recordSteps(state.order, steps, at), at);
  const messages: Message[] = [{ type: 'order.confirmed', data: orderFacts(order) }];
  if (orchestrated) messages.push({ type: 'inventory.commit_stock', data: { orderId: order.id } });
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
  const fact: Message = { type: 'order.cancelled', data: { ...orderFacts(order), reason } };
  return { state: { order, saga: finished(state.saga) }, messages: [fact, ...compensations] };
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

function finished(saga: SagaState): SagaState {
  return { ...saga, stage: 'done', deadline: null };
}

function deadlineFrom(ctx: SagaContext): string {
  return new Date(ctx.now.getTime() + ctx.stepTimeoutMs).toISOString();
}

function orderFacts(order: Order) {
  return { orderId: order.id, userId: order.userId, items: [...order.items], total: order.total };
}

function stockOf(order: Order) {
  return {
    orderId: order.id,
    items: order.items.map(({ productId, quantity }) => ({ productId, quantity })),
  };
}
