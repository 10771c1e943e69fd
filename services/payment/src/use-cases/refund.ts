import { addToOutbox, type Pool, type Queryable } from '@shop/common';
import { refundAction } from '../domain/payment';
import { paymentEvent, type Cause } from '../events/outgoing';
import type { PaymentProvider, RefundResult } from '../provider/payment-provider';
import {
  insertTombstone,
  lockPayment,
  readPayment,
  setStatus,
  type PaymentRow,
} from '../store/payment-store';
import type { Settled } from './charge';

/*
 * A refund in two steps, like a charge, so no transaction is open while the provider works:
 * 1. a payment that may hold money (SUCCEEDED, or PENDING with the charge's fate unknown) is
 *    refunded at the provider, idempotent by order id: it refunds its charge, or cancels the
 *    key so a charge still on its way is declined;
 * 2. under the payment's row lock the answer is recorded with its event.
 * A crash after 1 redelivers the message: the provider answers the same again.
 */

/** Step 1, outside any transaction; undefined when the payment holds no money to give back. */
export async function refundAtProvider(
  pool: Pool,
  provider: PaymentProvider,
  orderId: string,
): Promise<RefundResult | undefined> {
  const payment = await readPayment(pool, orderId);
  if (!payment || refundAction(payment.status) !== 'refund') return undefined;
  return provider.refund({ orderId });
}

/**
 * Step 2: gives an order's money back. A charged payment is REFUNDED (`payment.refunded` with
 * the amount); one not charged is VOIDED (`payment.refunded` with 0), so a late charge
 * declines. A declined or already settled payment changes nothing.
 */
export async function recordRefund(
  tx: Queryable,
  orderId: string,
  answer: RefundResult | undefined,
  cause: Cause,
): Promise<Settled> {
  const tombstone = await insertTombstone(tx, orderId);
  if (tombstone) return voided(tx, tombstone, cause);
  const payment = await lockPayment(tx, orderId);
  switch (refundAction(payment.status)) {
    case 'none':
      return { outcome: 'unchanged', amount: 0 };
    case 'void':
      await setStatus(tx, orderId, 'VOIDED');
      return voided(tx, payment, cause);
    case 'refund':
      if (!answer) throw new RefundRacedChargeError(orderId);
      return recordAnswer(tx, payment, answer, cause);
  }
}

/** The intent turned PENDING between the two steps; the consumer retries the message. */
export class RefundRacedChargeError extends Error {
  constructor(orderId: string) {
    super(`payment of order ${orderId} became chargeable while its refund was prepared`);
    this.name = 'RefundRacedChargeError';
  }
}

async function recordAnswer(
  tx: Queryable,
  payment: PaymentRow,
  answer: RefundResult,
  cause: Cause,
): Promise<Settled> {
  const { id, orderId } = payment;
  if (!answer.refunded) {
    if (payment.status === 'SUCCEEDED') {
      throw new Error(`provider has no charge for the succeeded payment of order ${orderId}`);
    }
    await setStatus(tx, orderId, 'VOIDED');
    return voided(tx, payment, cause);
  }
  await setStatus(tx, orderId, 'REFUNDED');
  await addToOutbox(tx, [
    paymentEvent('payment.refunded', { orderId, paymentId: id, amount: answer.amount }, cause),
  ]);
  return { outcome: 'refunded', amount: answer.amount };
}

async function voided(tx: Queryable, { id, orderId }: PaymentRow, cause: Cause): Promise<Settled> {
  await addToOutbox(tx, [
    paymentEvent('payment.refunded', { orderId, paymentId: id, amount: 0 }, cause),
  ]);
  return { outcome: 'voided', amount: 0 };
}
