import { z } from 'zod';

export type PaymentStatus =
  'AWAITING_STOCK' | 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED' | 'VOIDED';

/** A payment row as the service and its admin API see it (never the token). */
export interface Payment {
  id: string;
  orderId: string;
  userId: string | null;
  amount: number;
  currency: 'USD';
  status: PaymentStatus;
  providerRef: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a handled message did; counted after its transaction commits. */
export type Outcome = 'succeeded' | 'failed' | 'refunded' | 'voided' | 'recorded' | 'unchanged';

/**
 * What a charge does in each state: PENDING asks the provider and records its answer. A
 * repeat answers the first outcome; a charge after a void declines without reaching the
 * provider; after a refund there is nothing to say.
 */
export function chargeAction(
  status: PaymentStatus,
): 'charge' | 'answer_succeeded' | 'answer_failed' | 'none' {
  switch (status) {
    case 'PENDING':
      return 'charge';
    case 'SUCCEEDED':
      return 'answer_succeeded';
    case 'FAILED':
    case 'VOIDED':
      return 'answer_failed';
    case 'REFUNDED':
      return 'none';
    case 'AWAITING_STOCK':
      throw new Error('a charge must promote the intent to PENDING first');
  }
}

/**
 * What a refund does in each state. PENDING is in doubt (a charge may be on its way to the
 * provider, or made before a crash and not yet recorded), so the provider decides: it
 * refunds the charge, or cancels the key so the charge is declined (voided).
 */
export function refundAction(status: PaymentStatus): 'refund' | 'void' | 'none' {
  switch (status) {
    case 'SUCCEEDED':
    case 'PENDING':
      return 'refund';
    case 'AWAITING_STOCK':
      return 'void';
    case 'FAILED':
    case 'REFUNDED':
    case 'VOIDED':
      return 'none';
  }
}

/** The tokens of the familiar test-card convention; anything else is declined. */
export const APPROVED_TOKEN = 'tok_visa';

export const orderIdParam = z.string().min(1).max(100);
