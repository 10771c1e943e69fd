import { addToOutbox, withTransaction, type Pool, type Queryable } from '@shop/common';
import { chargeAction, type Outcome } from '../domain/payment';
import { paymentEvent, type Cause } from '../events/outgoing';
import type { ChargeResult, PaymentProvider } from '../provider/payment-provider';
import {
  lockPayment,
  promoteIntent,
  readPayment,
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

/*
 * A charge in three steps, none holding a transaction open while the provider works:
 * 1. the intent is committed as PENDING (from now on a refund asks the provider);
 * 2. the provider charges, idempotent by order id;
 * 3. its answer and the event are recorded under the payment's row lock.
 * A crash after 2 redelivers the message: 1 changes nothing, 2 returns the first answer.
 */

/** Step 1 (orchestration): payment.charge carries the whole intent. */
export async function recordChargeIntent(pool: Pool, intent: PaymentIntent): Promise<void> {
  await upsertIntent(pool, intent, 'PENDING');
}

/** Choreography: order.created records what to charge once the stock is reserved. */
export async function recordAwaitingIntent(tx: Queryable, intent: PaymentIntent): Promise<Settled> {
  await upsertIntent(tx, intent, 'AWAITING_STOCK');
  return { outcome: 'recorded', amount: 0 };
}

/** Step 1 (choreography): inventory.reserved turns the recorded intent into a charge. */
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

/** Step 2: the provider's answer for a PENDING payment; undefined in any other state. */
export async function chargeAtProvider(
  pool: Pool,
  provider: PaymentProvider,
  orderId: string,
): Promise<ChargeResult | undefined> {
  const payment = await readPayment(pool, orderId);
  if (payment?.status !== 'PENDING') return undefined;
  if (payment.token === null)
    throw new Error(`payment of order ${orderId} is PENDING without a token`);
  return provider.charge({ orderId, amount: payment.amount, token: payment.token });
}

/**
 * Step 3: records the provider's answer with its event, or, when a repeat or a refund got
 * there first, answers with the outcome already recorded.
 */
export async function recordCharge(
  tx: Queryable,
  orderId: string,
  answer: ChargeResult | undefined,
  cause: Cause,
): Promise<Settled> {
  const payment = await lockPayment(tx, orderId);
  switch (chargeAction(payment.status)) {
    case 'charge':
      if (!answer) throw new Error(`payment of order ${orderId} turned PENDING after step 2`);
      return recordAnswer(tx, payment, answer, cause);
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

async function recordAnswer(
  tx: Queryable,
  payment: PaymentRow,
  answer: ChargeResult,
  cause: Cause,
): Promise<Settled> {
  const { orderId, amount } = payment;
  if (!answer.approved) {
    await setStatus(tx, orderId, 'FAILED', answer.providerRef);
    await addToOutbox(tx, [failed(orderId, cause)]);
    return { outcome: 'failed', amount: 0 };
  }
  await setStatus(tx, orderId, 'SUCCEEDED', answer.providerRef);
  await addToOutbox(tx, [succeeded(payment, cause)]);
  return { outcome: 'succeeded', amount };
}

function succeeded({ id, orderId, amount }: PaymentRow, cause: Cause) {
  return paymentEvent('payment.succeeded', { orderId, paymentId: id, amount }, cause);
}

function failed(orderId: string, cause: Cause) {
  return paymentEvent('payment.failed', { orderId, reason: 'PAYMENT_DECLINED' }, cause);
}
