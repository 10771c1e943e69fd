import { addToOutbox, type Queryable } from '@shop/common';
import { refundAction } from '../domain/payment';
import { paymentEvent, type Cause } from '../events/outgoing';
import type { PaymentProvider } from '../provider/payment-provider';
import { insertTombstone, lockPayment, setStatus, type PaymentRow } from '../store/payment-store';
import type { Settled } from './charge';

/**
 * Gives an order's money back: a charged payment is refunded at the provider
 * (`payment.refunded` with the amount); one not charged is VOIDED (`payment.refunded` with 0),
 * so a late charge declines. A declined or already settled payment changes nothing.
 */
export async function refundPayment(
  tx: Queryable,
  provider: PaymentProvider,
  orderId: string,
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
      return refundAtProvider(tx, provider, payment, cause);
  }
}

/**
 * SUCCEEDED, or PENDING with the charge's fate unknown: the provider refunds its charge, or
 * cancels the key so a charge still on its way is declined (VOIDED).
 */
async function refundAtProvider(
  tx: Queryable,
  provider: PaymentProvider,
  payment: PaymentRow,
  cause: Cause,
): Promise<Settled> {
  const { id, orderId } = payment;
  const result = await provider.refund({ orderId });
  if (!result.refunded) {
    if (payment.status === 'SUCCEEDED') {
      throw new Error(`provider has no charge for the succeeded payment of order ${orderId}`);
    }
    await setStatus(tx, orderId, 'VOIDED');
    return voided(tx, payment, cause);
  }
  await setStatus(tx, orderId, 'REFUNDED');
  await addToOutbox(tx, [
    paymentEvent('payment.refunded', { orderId, paymentId: id, amount: result.amount }, cause),
  ]);
  return { outcome: 'refunded', amount: result.amount };
}

async function voided(tx: Queryable, { id, orderId }: PaymentRow, cause: Cause): Promise<Settled> {
  await addToOutbox(tx, [
    paymentEvent('payment.refunded', { orderId, paymentId: id, amount: 0 }, cause),
  ]);
  return { outcome: 'voided', amount: 0 };
}
