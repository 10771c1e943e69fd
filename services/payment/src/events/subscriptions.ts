import {
  applyOnce,
  refuseOtherSagaMode,
  type EventBackbone,
  type EventEnvelope,
  type EventType,
  type Logger,
  type Pool,
  type PoolClient,
} from '@shop/common';
import type { Registry } from 'prom-client';
import type { SagaMode } from '../config';
import { countSettled, type PaymentMetrics } from '../metrics';
import type { ChargeResult, PaymentProvider, RefundResult } from '../provider/payment-provider';
import {
  chargeAtProvider,
  promoteReservedIntent,
  recordAwaitingIntent,
  recordCharge,
  recordChargeIntent,
  type Settled,
} from '../use-cases/charge';
import { recordRefund, refundAtProvider } from '../use-cases/refund';
import { causeOf } from './outgoing';

/** The service's queue; also its consumer name in processed_events. */
export const PAYMENT_QUEUE = 'payment';

export interface SubscriptionDeps {
  readonly events: EventBackbone;
  readonly pool: Pool;
  readonly provider: PaymentProvider;
  readonly metrics: PaymentMetrics;
  readonly log: Logger;
  /** Where the saga-mode mismatches are counted. */
  readonly registry: Registry;
  readonly sagaMode: SagaMode;
}

type Work<T extends EventType, P> = (
  event: EventEnvelope<T>,
  tx: PoolClient,
  prepared: P,
) => Promise<Settled>;
/** Runs before the handler's transaction, outside any (the provider calls). */
type Prepare<T extends EventType, P> = (event: EventEnvelope<T>) => Promise<P>;

/**
 * Everything payment consumes. Its saga step is the charge, and the refund (a void when
 * nothing was charged) its compensation. Orchestration: `payment.charge` / `payment.refund`;
 * choreography: the intent from order.created, the charge on inventory.reserved, the refund
 * on order.cancelled. Each message's effect is recorded once per event id.
 */
export function subscribePayment(deps: SubscriptionDeps): void {
  const { events, pool, provider, metrics } = deps;
  const consumer = events.consumer(PAYMENT_QUEUE);
  const on = <T extends EventType, P = undefined>(
    type: T,
    work: Work<T, P>,
    prepare?: Prepare<T, P>,
  ) =>
    consumer.subscribe(type, async (event) => {
      const prepared = (await prepare?.(event)) as P;
      const settled = await applyOnce(pool, PAYMENT_QUEUE, event.id, (tx) =>
        work(event, tx, prepared),
      );
      countSettled(metrics, settled ?? { outcome: 'unchanged', amount: 0 }); // undefined: a repeat
      events.relay.kick();
    });
  type OrderEvent = EventEnvelope & { data: { orderId: string } };
  const record = (e: OrderEvent, tx: PoolClient, answer: ChargeResult | undefined) =>
    recordCharge(tx, e.data.orderId, answer, causeOf(e));
  const refund = (e: OrderEvent, tx: PoolClient, answer: RefundResult | undefined) =>
    recordRefund(tx, e.data.orderId, answer, causeOf(e));
  const refundFirst = (e: OrderEvent) => refundAtProvider(pool, provider, e.data.orderId);

  if (deps.sagaMode === 'orchestration') {
    on('payment.charge', record, async (e) => {
      await recordChargeIntent(pool, e.data);
      return chargeAtProvider(pool, provider, e.data.orderId);
    });
    on('payment.refund', refund, refundFirst);
  } else {
    on('order.created', (e, tx) =>
      recordAwaitingIntent(tx, { ...e.data, amount: e.data.total, token: e.data.payment.token }),
    );
    on('inventory.reserved', record, async (e) => {
      await promoteReservedIntent(pool, e.data.orderId);
      return chargeAtProvider(pool, provider, e.data.orderId);
    });
    on('order.cancelled', refund, refundFirst);
    // The orchestrator's commands mean the services disagree on SAGA_MODE.
    const { log, registry, sagaMode: mode } = deps;
    refuseOtherSagaMode(consumer, ['payment.charge', 'payment.refund'], { mode, log, registry });
  }
}
