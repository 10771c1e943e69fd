import { AppError, type Identity } from '@shop/common';
import { z } from 'zod';

/** `GET /api/analytics/recommendations?userId=&limit=` */
export const recommendationQuery = z.object({
  userId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(4),
});
export type RecommendationQuery = z.infer<typeof recommendationQuery>;

export interface Recommendation {
  readonly productId: string;
  /** Confirmed quantity sold. */
  readonly quantity: number;
  /** A best seller in a category the user bought from, or one of the overall best sellers. */
  readonly reason: 'same_category' | 'best_seller';
}

/**
 * Whose recommendations `caller` may read: a customer only their own, an admin anyone's;
 * undefined asks for the overall best sellers.
 */
export function recommendationSubject(caller: Identity, userId?: string): string | undefined {
  if (userId !== undefined && caller.role !== 'admin' && userId !== caller.userId) {
    throw AppError.forbidden('a customer may only ask for their own recommendations');
  }
  return userId;
}
