import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Test-card tokens (DESIGN.md): approved and declined; anything else is a 400. */
export const PAYMENT_TOKENS = ['tok_visa', 'tok_chargeDeclined'] as const;
export const MAX_LINES = 100;
export const MAX_QUANTITY = 1000;

const orderLine = z.strictObject({
  productId: z.string().trim().min(1).max(100),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});

/**
 * `POST /api/orders`. One line per product: a repeated productId is a 400 (the client sends
 * the total quantity once), so a body has exactly one meaning and one idempotency hash.
 */
export const placeOrderInput = z.strictObject({
  items: z
    .array(orderLine)
    .min(1)
    .max(MAX_LINES)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, i) => {
        if (seen.has(line.productId)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'productId'],
            message: 'duplicate productId; send one line per product',
          });
        }
        seen.add(line.productId);
      });
    }),
  payment: z.strictObject({ token: z.enum(PAYMENT_TOKENS) }),
});
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;

/** `Idempotency-Key`: printable ASCII, at most 200 characters. */
export const idempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII only');

export const listOrdersQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export const orderId = z.uuid();

/**
 * The hash an idempotency key is bound to: the validated body in a canonical form (lines
 * sorted by product, fixed key order), so reordered lines or JSON key order are the same
 * request and any other change is a different one.
 */
export function requestHash(input: PlaceOrderInput): string {
  const lines = input.items
    .map((line) => [line.productId, line.quantity] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify({ items: lines, token: input.payment.token });
  return createHash('sha256').update(canonical).digest('hex');
}
