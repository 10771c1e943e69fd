import { Counter, type Registry } from 'prom-client';
import type { Settled } from './use-cases/charge';

/** The payment service's business counters, on the service's own registry. */
export interface PaymentMetrics {
  readonly payments: Counter<'result'>;
  readonly amountCents: Counter<'result'>;
}

export function createPaymentMetrics(registry: Registry): PaymentMetrics {
  return {
    payments: new Counter({
      name: 'payments_total',
      help: 'Payment decisions by result (succeeded, failed, refunded, voided)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    amountCents: new Counter({
      name: 'payment_amount_cents_total',
      help: 'Cents charged (result="succeeded") and given back (result="refunded")',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
}

export function countSettled(metrics: PaymentMetrics, { outcome, amount }: Settled): void {
  if (outcome === 'unchanged' || outcome === 'recorded') return;
  metrics.payments.inc({ result: outcome });
  if (amount > 0) metrics.amountCents.inc({ result: outcome }, amount);
}
