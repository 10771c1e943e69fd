import { addToOutbox, withTransaction, type Pool, type Queryable } from '@shop/common';
import { chargeAction, type Outcome } from '../domain/payment';
import { paymentEvent, type Cause } from '../events/outgoing';
import type { PaymentProvider } from '../provider/payment-provider';
import {
  lockPayment,
  promoteIntent,
  setStatus,
  upsertIntent,
  type PaymentIntent,
  type PaymentRow,
} from '../store/payment-store';

/** What a use case did, for the business counters. */
export interface Settled {
  readonly outcome: Outcome;
  /** Cents moved (charged or given back). */
  readonly amount: number;
}

const UNCHANGED: Settled = { outcome: 'unchanged', amount: 0 };

/**
 * Step 1 of a charge, committed on its own before the provider is called: from now on a
 * refund sees PENDING and asks the provider instead of voiding a charge it cannot see.
 */
export async function recordChargeIntent(pool: Pool, intent: PaymentIntent): Promise<void> {
  await upsertIntent(pool, intent, 'PENDING');
}

/** Choreography: order.created records what to charge once the stock is reserved. */
export async function recordAwaitingIntent(tx: Queryable, intent: PaymentIntent): Promise<Settled> {
  await upsertIntent(tx, intent, 'AWAITING_STOCK');
  return { outcome: 'recorded', amount: 0 };
}

/**
 * Choreography, step 1: inventory.reserved turns the recorded intent into a charge, committed
 * before the provider is called. Without an intent yet, nothing is written and it throws.
 */
export async function promoteReservedIntent(pool: Pool, orderId: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    if (!(await promoteIntent(tx, orderId))) throw new IntentNotRecordedError(orderId);
  });
}

/** order.created has not been handled yet; the consumer retries the message later. */
export class IntentNotRecordedError extends Error {
  constructor(orderId: string) {
    super(`no payment intent for order ${orderId} yet`);
    this.name = 'IntentNotRecordedError';
  }
}

/**
 * Step 2: charges a PENDING payment at the provider under the payment's row lock and records
 * the outcome with its event. A crash after the provider's charge rolls this back; the
 * redelivered message finds PENDING again and the provider returns its first result.
 */
export async function settleCharge(
  tx: Queryable,
  provider: PaymentProvider,
  orderId: string,
  cause: Cause,
): Promise<Settled> {
  const payment = await lockPayment(tx, orderId);
  switch (chargeAction(payment.status)) {
    case 'charge':
      return chargeNow(tx, provider, payment, cause);
    case 'answer_succeeded':
      await addToOutbox(tx, [succeeded(payment, cause)]);
      return UNCHANGED;
    case 'answer_failed':
      await addToOutbox(tx, [failed(orderId, cause)]);
      return UNCHANGED;
    case 'none':
      return UNCHANGED;
  }
}

async function chargeNow(
  tx: Queryable,
  provider: PaymentProvider,
  payment: PaymentRow,
  cause: Cause,
): Promise<Settled> {
  const { orderId, amount, token } = payment;
  if (token === null) throw new Error(`payment of order ${orderId} is PENDING without a token`);
  const result = await provider.charge({ orderId, amount, token });
  if (!result.approved) {
    await setStatus(tx, orderId, 'FAILED', result.providerRef);
    await addToOutbox(tx, [failed(orderId, cause)]);
    return { outcome: 'failed', amount: 0 };
  }
  await setStatus(tx, orderId, 'SUCCEEDED', result.providerRef);
  await addToOutbox(tx, [succeeded(payment, cause)]);
  return { outcome: 'succeeded', amount };
}

function succeeded({ id, orderId, amount }: PaymentRow, cause: Cause) {
  return paymentEvent('payment.succeeded', { orderId, paymentId: id, amount }, cause);
}

function failed(orderId: string, cause: Cause) {
  return paymentEvent('payment.failed', { orderId, reason: 'PAYMENT_DECLINED' }, cause);
}
