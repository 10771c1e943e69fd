import type { Queryable } from '@shop/common';
import type { NotificationFact } from './model';

/** The order emails the notification service wrote (`notifications`), sent or not yet. */
export async function readOrderEmails(db: Queryable): Promise<NotificationFact[]> {
  const { rows } = await db.query<NotificationFact>(
    `SELECT order_id AS "orderId", kind FROM notifications WHERE order_id IS NOT NULL`,
  );
  return rows;
}
