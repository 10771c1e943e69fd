/**
 * A card provider. Both calls are idempotent by order id (the provider's idempotency key):
 * a repeated charge returns the first result and never charges twice; a repeated refund
 * refunds once. A refund of a key never charged cancels it: a later charge is declined.
 * The provider's record of a key is the one place a charge and a refund racing each other
 * are ordered.
 */
export interface PaymentProvider {
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}

export interface ChargeRequest {
  readonly orderId: string;
  /** Cents. */
  readonly amount: number;
  readonly token: string;
}

export interface ChargeResult {
  readonly approved: boolean;
  readonly providerRef: string;
}

export interface RefundRequest {
  readonly orderId: string;
}

export interface RefundResult {
  /** False when nothing was charged under this order id (the key is canceled instead). */
  readonly refunded: boolean;
  /** Cents given back; 0 when nothing was charged. */
  readonly amount: number;
}
