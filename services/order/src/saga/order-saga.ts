import { ContractError, type EventEnvelope, type Logger } from '@shop/common';
import type { OrderState } from '../domain/saga-state';
import { envelopes } from '../events/outgoing';
import { observeFinal, type OrderMetrics } from '../metrics';
import type { OrderStore, StoredOrder } from '../store/order-store';
import { onDeadline, onOutcome } from './decisions';
import type { Decision, SagaContext, SagaMode, StepOutcome, StepOutcomeType } from './transitions';

export interface SagaSettings {
  readonly mode: SagaMode;
  readonly stepTimeoutMs: number;
}

export interface OrderSagaDeps {
  readonly store: OrderStore;
  readonly settings: SagaSettings;
  readonly metrics: OrderMetrics;
  readonly log: Logger;
  /** Asks the relay to publish soon; called after a write that stored events. */
  readonly kickRelay: () => void;
  /** Told each new version the saga wrote (this process's live order streams). */
  readonly onChange?: (order: StoredOrder) => void;
  readonly clock?: () => Date;
}

/** Another writer kept moving the order; the message is retried later. */
export class ConcurrentUpdateError extends Error {
  constructor(orderId: string) {
    super(`order ${orderId} kept changing under the saga; will retry`);
    this.name = 'ConcurrentUpdateError';
  }
}

const CAS_ATTEMPTS = 5;

/**
 * Runs the saga's decisions against the store: load the order, decide, write the new state
 * with its messages and the handled event id in one compare-and-set. A miss means another
 * reply or the sweeper moved the order: reload and decide again.
 */
export class OrderSaga {
  constructor(private readonly deps: OrderSagaDeps) {}

  context(now = this.now()): SagaContext {
    return { ...this.deps.settings, now };
  }

  /**
   * Applies what inventory or payment did (a reply in orchestration, a fact in choreography)
   * to its order once; a redelivered or repeated outcome changes nothing.
   */
  applyOutcome(event: EventEnvelope<StepOutcomeType>): Promise<void> {
    // The consumer validated `data` against the contract of `type`: they belong together.
    const outcome = { type: event.type, data: event.data } as StepOutcome;
    const { orderId } = outcome.data;
    return this.advance(orderId, (state, ctx) => onOutcome(state, outcome, ctx), event.id);
  }

  /** Cancels the order with TIMEOUT if its step deadline has passed. */
  expire(orderId: string): Promise<void> {
    return this.advance(orderId, onDeadline);
  }

  private async advance(
    orderId: string,
    decide: (state: OrderState, ctx: SagaContext) => Decision | undefined,
    causationId?: string,
  ): Promise<void> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const current = await this.load(orderId, causationId);
      if (!current || current.processed) return;
      const decision = decide(current.order, this.context());
      if (!decision) return;
      if (await this.apply(current.order, decision, causationId)) return;
    }
    throw new ConcurrentUpdateError(orderId);
  }

  private async load(orderId: string, causationId?: string) {
    const { store } = this.deps;
    const found = causationId
      ? await store.getForEvent(orderId, causationId)
      : await store.get(orderId).then((order) => order && { order, processed: false });
    // Outcomes only come for orders this service created; anything else is a poison message.
    if (!found && causationId) throw new ContractError(`no order ${orderId}`);
    return found;
  }

  private async apply(from: StoredOrder, decision: Decision, causationId?: string) {
    const events = envelopes(decision.messages, from.order.id, causationId);
    const to = decision.state;
    if (!(await this.deps.store.transition({ from, to, events, causationId }))) return false;
    if (events.length > 0) this.deps.kickRelay();
    this.deps.onChange?.({ ...to, version: from.version + 1 });
    if (from.order.status === 'PENDING' && to.order.status !== 'PENDING') {
      observeFinal(this.deps.metrics, to.order);
      this.deps.log.info(
        { orderId: to.order.id, status: to.order.status, reason: to.order.failureReason },
        'order final',
      );
    }
    return true;
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}
