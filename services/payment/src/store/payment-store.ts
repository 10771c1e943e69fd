import { randomUUID } from 'node:crypto';
import type { Queryable } from '@shop/common';
import type { Payment, PaymentStatus } from '../domain/payment';

export interface PaymentIntent {
  orderId: string;
  userId: string;
  amount: number;
  token: string;
}

/** A payment with what a charge needs; only ever read under its row lock. */
export interface PaymentRow {
  id: string;
  orderId: string;
  amount: number;
  token: string | null;
  status: PaymentStatus;
}

const ROW = 'id, order_id AS "orderId", amount, token, status';

/**
 * Records what to charge. `PENDING` also promotes an `AWAITING_STOCK` intent; any other
 * existing row (a charge in doubt, an outcome, a void) is left as it is.
 */
export async function upsertIntent(
  db: Queryable,
  intent: PaymentIntent,
  status: 'PENDING' | 'AWAITING_STOCK',
): Promise<void> {
  await db.query(
    `INSERT INTO payments (order_id, id, user_id, amount, token, status)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET status = 'PENDING', updated_at = now()
       WHERE EXCLUDED.status = 'PENDING' AND payments.status = 'AWAITING_STOCK'`,
    [intent.orderId, randomUUID(), intent.userId, intent.amount, intent.token, status],
  );
}

/**
 * AWAITING_STOCK -> PENDING; false when the order has no payment row yet. Run it in a
 * transaction: a probe insert of the key waits for an order.created being recorded right now
 * (instead of missing it and retrying a second later); the probe itself is never committed.
 */
export async function promoteIntent(tx: Queryable, orderId: string): Promise<boolean> {
  const probe = await tx.query(
    `INSERT INTO payments (order_id, id, amount, status) VALUES ($1, $2, 0, 'VOIDED')
     ON CONFLICT (order_id) DO NOTHING`,
    [orderId, randomUUID()],
  );
  if (probe.rowCount === 1) return false;
  await tx.query(
    `UPDATE payments SET status = 'PENDING', updated_at = now()
     WHERE order_id = $1 AND status = 'AWAITING_STOCK'`,
    [orderId],
  );
  return true;
}

/**
 * A VOIDED row for an order without a payment (refund before charge). Like any insert of the
 * key, it waits for a concurrent intent and then loses to it, so exactly one of them wins.
 */
export async function insertTombstone(
  db: Queryable,
  orderId: string,
): Promise<PaymentRow | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `INSERT INTO payments (order_id, id, amount, status) VALUES ($1, $2, 0, 'VOIDED')
     ON CONFLICT (order_id) DO NOTHING
     RETURNING ${ROW}`,
    [orderId, randomUUID()],
  );
  return rows[0];
}

/** The order's payment as it is now (no lock). */
export async function readPayment(db: Queryable, orderId: string): Promise<PaymentRow | undefined> {
  const { rows } = await db.query<PaymentRow>(`SELECT ${ROW} FROM payments WHERE order_id = $1`, [
    orderId,
  ]);
  return rows[0];
}

/** The order's payment, locked until the transaction ends: its changes take turns. */
export async function lockPayment(db: Queryable, orderId: string): Promise<PaymentRow> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${ROW} FROM payments WHERE order_id = $1 FOR UPDATE`,
    [orderId],
  );
  if (!rows[0]) throw new Error(`payment of order ${orderId} not recorded`);
  return rows[0];
}

/** Writes a new state; the token goes once no charge can follow. */
export async function setStatus(
  db: Queryable,
  orderId: string,
  status: Exclude<PaymentStatus, 'AWAITING_STOCK' | 'PENDING'>,
  providerRef?: string,
): Promise<void> {
  await db.query(
    `UPDATE payments SET status = $2, provider_ref = COALESCE($3, provider_ref), token = NULL,
       updated_at = now()
     WHERE order_id = $1`,
    [orderId, status, providerRef ?? null],
  );
}

export async function findPayment(db: Queryable, orderId: string): Promise<Payment | undefined> {
  const { rows } = await db.query<Payment>(
    `SELECT id, order_id AS "orderId", user_id AS "userId", amount, currency, status,
       provider_ref AS "providerRef",
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
     FROM payments WHERE order_id = $1`,
    [orderId],
  );
  return rows[0];
}
