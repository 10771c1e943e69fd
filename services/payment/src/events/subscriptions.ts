import {
  idempotent,
  type EventBackbone,
  type EventEnvelope,
  type EventType,
  type Pool,
  type PoolClient,
} from '@shop/common';
import type { SagaMode } from '../config';
import { countSettled, type PaymentMetrics } from '../metrics';
import type { PaymentProvider } from '../provider/payment-provider';
import {
  promoteReservedIntent,
  recordAwaitingIntent,
  recordChargeIntent,
  settleCharge,
  type Settled,
} from '../use-cases/charge';
import { refundPayment } from '../use-cases/refund';
import { causeOf } from './outgoing';

/** The service's queue; also its consumer name in processed_events. */
export const PAYMENT_QUEUE = 'payment';

export interface SubscriptionDeps {
  readonly events: EventBackbone;
  readonly pool: Pool;
  readonly provider: PaymentProvider;
  readonly metrics: PaymentMetrics;
  readonly sagaMode: SagaMode;
}

type Work<T extends EventType> = (event: EventEnvelope<T>, tx: PoolClient) => Promise<Settled>;
/** Runs before the handler's transaction and commits on its own (a charge's intent). */
type Prepare<T extends EventType> = (event: EventEnvelope<T>) => Promise<void>;

/**
 * Everything payment consumes. Orchestration: `payment.charge` / `payment.refund`;
 * choreography: the intent from order.created, the charge on inventory.reserved, the refund
 * on order.cancelled. Each message is handled once per event id.
 */
export function subscribePayment(deps: SubscriptionDeps): void {
  const { events, pool, provider, metrics } = deps;
  const consumer = events.consumer(PAYMENT_QUEUE);
  const on = <T extends EventType>(type: T, work: Work<T>, prepare?: Prepare<T>) =>
    consumer.subscribe(type, async (event) => {
      await prepare?.(event);
      let settled: Settled = { outcome: 'unchanged', amount: 0 };
      await idempotent(pool, PAYMENT_QUEUE, async (e: EventEnvelope<T>, tx) => {
        settled = await work(e, tx);
      })(event);
      countSettled(metrics, settled);
      events.relay.kick();
    });
  const charge = (e: EventEnvelope<EventType> & { data: { orderId: string } }, tx: PoolClient) =>
    settleCharge(tx, provider, e.data.orderId, causeOf(e));
  const refund = (e: EventEnvelope<EventType> & { data: { orderId: string } }, tx: PoolClient) =>
    refundPayment(tx, provider, e.data.orderId, causeOf(e));

  if (deps.sagaMode === 'orchestration') {
    on('payment.charge', charge, (e) => recordChargeIntent(pool, e.data));
    on('payment.refund', refund);
  } else {
    on('order.created', (e, tx) =>
      recordAwaitingIntent(tx, { ...e.data, amount: e.data.total, token: e.data.payment.token }),
    );
    on('inventory.reserved', charge, (e) => promoteReservedIntent(pool, e.data.orderId));
    on('order.cancelled', refund);
  }
}
