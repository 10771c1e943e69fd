import type { Order } from '../domain/order';
import type { OrderState } from '../domain/saga-state';
import { choreography } from './choreography';
import { sagaMessages as m } from './messages';
import { orchestration } from './orchestration';
import {
  OUTCOME_STEP,
  cancelled,
  recorded,
  reserving,
  timedOut,
  type Decision,
  type SagaContext,
  type SagaMode,
  type SagaStyle,
  type StepOutcome,
} from './transitions';

/**
 * The order placement saga as pure decisions (docs/saga.md): given the order's state and an
 * outcome (or the clock), the next state and the messages to send. What differs between the
 * styles is data in orchestration.ts and choreography.ts; this is the only place that picks
 * one. The runner (order-saga.ts) applies a decision atomically; nothing here does I/O.
 */
export const SAGA_STYLES: Readonly<Record<SagaMode, SagaStyle>> = { orchestration, choreography };

/** A new order: PENDING, waiting for its reservation; `order.created` and the style's first messages. */
export function startSaga(order: Order, paymentToken: string, ctx: SagaContext): Decision {
  const first = SAGA_STYLES[ctx.mode].startMessages(order, paymentToken);
  return reserving(order, paymentToken, [m.orderCreated(order, paymentToken), ...first], ctx);
}

/** What an outcome changes; undefined when it changes nothing (a repeat, or out of place). */
export function onOutcome(
  state: OrderState,
  outcome: StepOutcome,
  ctx: SagaContext,
): Decision | undefined {
  const style = SAGA_STYLES[ctx.mode];
  const decision =
    state.order.status === 'PENDING'
      ? whilePending(style, state, outcome, ctx)
      : afterFinal(style, state, outcome, ctx);
  if (!decision) return undefined;
  const unchanged = decision.state.order === state.order && decision.state.saga === state.saga;
  return unchanged && decision.messages.length === 0 ? undefined : decision;
}

/** A PENDING order past its step deadline is cancelled with TIMEOUT and compensated. */
export function onDeadline(state: OrderState, ctx: SagaContext): Decision | undefined {
  const { order, saga } = state;
  if (order.status !== 'PENDING' || saga.deadline === null) return undefined;
  if (Date.parse(saga.deadline) > ctx.now.getTime()) return undefined;
  const compensations = SAGA_STYLES[ctx.mode].timeoutCompensations(order);
  return cancelled(state, 'TIMEOUT', [timedOut(state)], compensations, ctx);
}

function whilePending(
  style: SagaStyle,
  state: OrderState,
  outcome: StepOutcome,
  ctx: SagaContext,
): Decision | undefined {
  const { stage } = state.saga;
  const transition = stage === 'done' ? undefined : style.whilePending[stage][outcome.type];
  if (transition) return transition(state, ctx);
  // A compensation's fact only joins the history; any other outcome is out of place here.
  const compensated = OUTCOME_STEP[outcome.type];
  return compensated[1] === 'compensated' ? recorded(state, [compensated], [], ctx) : undefined;
}

/** After the final state an outcome is history, and the style may answer it (once). */
function afterFinal(
  style: SagaStyle,
  state: OrderState,
  outcome: StepOutcome,
  ctx: SagaContext,
): Decision | undefined {
  const next = recorded(state, [OUTCOME_STEP[outcome.type]], [], ctx);
  if (next.state.order === state.order) return undefined;
  const { order } = state;
  const messages = order.status === 'CANCELLED' ? style.lateOnCancelled(order, outcome) : [];
  return { state: next.state, messages };
}
