import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Pool } from '@shop/common';
import { APPROVED_TOKEN } from '../domain/payment';
import type {
  ChargeRequest,
  ChargeResult,
  PaymentProvider,
  RefundRequest,
  RefundResult,
} from './payment-provider';

/**
 * A card provider simulated on its own ledger table (`provider_charges`), written on its own
 * pool like a remote system: what it charged survives a crash of the caller. `tok_visa` is
 * approved, every other token declined, and so is a charge of a canceled key (its row exists
 * with `approved` false); each call takes `latencyMs`.
 */
export class SimulatedProvider implements PaymentProvider {
  constructor(
    private readonly ledger: Pool,
    private readonly latencyMs: number,
  ) {}

  async charge({ orderId, amount, token }: ChargeRequest): Promise<ChargeResult> {
    await this.roundTrip();
    await this.ledger.query(
      `INSERT INTO provider_charges (idempotency_key, provider_ref, amount, approved)
       VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING`,
      [orderId, `ch_${randomUUID()}`, amount, token === APPROVED_TOKEN],
    );
    const { rows } = await this.ledger.query<ChargeResult>(
      `SELECT approved, provider_ref AS "providerRef" FROM provider_charges
       WHERE idempotency_key = $1`,
      [orderId],
    );
    return rows[0]!;
  }

  async refund({ orderId }: RefundRequest): Promise<RefundResult> {
    await this.roundTrip();
    const canceled = await this.ledger.query(
      `INSERT INTO provider_charges (idempotency_key, provider_ref, amount, approved, canceled_at)
       VALUES ($1, $2, 0, false, now()) ON CONFLICT (idempotency_key) DO NOTHING`,
      [orderId, `ch_${randomUUID()}`],
    );
    if (canceled.rowCount === 1) return { refunded: false, amount: 0 };
    const { rows } = await this.ledger.query<{ amount: number }>(
      `UPDATE provider_charges SET refunded_at = COALESCE(refunded_at, now())
       WHERE idempotency_key = $1 AND approved RETURNING amount`,
      [orderId],
    );
    return rows[0] ? { refunded: true, amount: rows[0].amount } : { refunded: false, amount: 0 };
  }

  private async roundTrip(): Promise<void> {
    if (this.latencyMs > 0) await delay(this.latencyMs);
  }
}
