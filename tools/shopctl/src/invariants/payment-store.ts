import type { Queryable } from '@shop/common';
import type { PaymentFact } from './model';

/** Successful charges and refunds per order, from the payment service's `payments` table. */
export async function readPayments(db: Queryable): Promise<PaymentFact[]> {
  const { rows } = await db.query<{ orderId: string; status: string; amount: string }>(
    'SELECT order_id AS "orderId", status, amount FROM payments',
  );
  return rows.map(({ orderId, status, amount }) => {
    const charged = status === 'SUCCEEDED' || status === 'REFUNDED';
    return {
      orderId,
      charges: charged ? [Number(amount)] : [],
      refunds: status === 'REFUNDED' ? [Number(amount)] : [],
    };
  });
}
