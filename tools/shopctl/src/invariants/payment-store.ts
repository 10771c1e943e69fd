import type { Queryable } from '@shop/common';
import type { PaymentFact, PaymentStatus } from './model';

/**
 * Per order, the payment service's record (`payments`) beside the simulated card provider's
 * ledger (`provider_charges`, keyed by order id): the ledger says what money really moved.
 */
export async function readPayments(db: Queryable): Promise<PaymentFact[]> {
  const { rows } = await db.query<{
    orderId: string;
    status: PaymentStatus | null;
    charged: number | null;
    refunded: boolean;
  }>(
    `SELECT COALESCE(p.order_id, c.idempotency_key) AS "orderId", p.status,
       CASE WHEN c.approved THEN c.amount END AS charged,
       c.refunded_at IS NOT NULL AS refunded
     FROM payments p FULL OUTER JOIN provider_charges c ON c.idempotency_key = p.order_id`,
  );
  return rows.map(({ orderId, status, charged, refunded }) => ({
    orderId,
    charges: charged === null ? [] : [charged],
    refunds: charged !== null && refunded ? [charged] : [],
    ...(status ? { status } : {}),
  }));
}
