import { z } from 'zod';

/** One product's stock level; `version` orders the levels of one product. */
export interface StockLevel {
  productId: string;
  available: number;
  reserved: number;
  version: number;
}

/** The admin view of a level (DESIGN.md). */
export interface StockView {
  productId: string;
  available: number;
  reserved: number;
}

export function toView({ productId, available, reserved }: StockLevel): StockView {
  return { productId, available, reserved };
}

/** No product holds more than this many units available (keeps sums inside integer range). */
export const MAX_AVAILABLE = 1_000_000_000;

export const restockInput = z.strictObject({
  quantity: z.number().int().min(1).max(1_000_000),
});
export type RestockInput = z.infer<typeof restockInput>;

export const productIdParam = z.string().min(1).max(100);
