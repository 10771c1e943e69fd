import type { PaymentFact, Violation } from './model';

/**
 * The payment service's record agrees with the provider's ledger, and no payment is left in
 * doubt: SUCCEEDED is one charge kept, REFUNDED one charge given back, FAILED and VOIDED no
 * charge at all; PENDING or AWAITING_STOCK after the sagas settled is an unfinished payment.
 */
export function paymentRecordViolations(payment: PaymentFact): Violation[] {
  const { orderId, status, charges, refunds } = payment;
  const agrees = {
    SUCCEEDED: charges.length === 1 && refunds.length === 0,
    REFUNDED: charges.length === 1 && refunds.length === 1,
    FAILED: charges.length === 0,
    VOIDED: charges.length === 0,
    PENDING: false,
    AWAITING_STOCK: false,
    none: charges.length === 0,
  }[status ?? 'none'];
  if (agrees) return [];
  const detail =
    `recorded ${status ?? 'nothing'}, provider charged [${charges.join(', ')}]` +
    ` and refunded [${refunds.join(', ')}]`;
  return [{ invariant: 'payment_record', orderId, detail }];
}
