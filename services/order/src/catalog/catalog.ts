import { AppError, type FieldProblem, type HttpClient } from '@shop/common';
import { z } from 'zod';
import type { OrderItem } from '../domain/order';

export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
}

/** Prices lines from the catalog at the moment of ordering (the client never sends prices). */
export interface Catalog {
  /** The lines with their current names and prices; 422 for unknown products, 503 when down. */
  priceLines(lines: readonly OrderLine[]): Promise<OrderItem[]>;
}

/** The product service's batch lookup of authoritative (write-side) prices. */
export const PRICES_PATH = '/internal/products/prices';

const pricesAnswer = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), price: z.number().int().min(0) })),
});
type Price = z.infer<typeof pricesAnswer>['items'][number];

/**
 * The product service's write side, over the topology's order -> product edge: one call per
 * order for every line (`POST /internal/products/prices`), so a product is orderable as soon
 * as its creation answered and a new price applies to the next order.
 */
export function httpCatalog(client: HttpClient): Catalog {
  const fetchPrices = async (ids: readonly string[]): Promise<Map<string, Price>> => {
    const response = await client
      .request('POST', PRICES_PATH, { body: { ids } })
      .catch((err: unknown) => {
        throw catalogUnavailable(err);
      });
    const answer = pricesAnswer.safeParse(response.body);
    if (response.status !== 200 || !answer.success) {
      throw catalogUnavailable(new Error(`catalog answered ${response.status} to a price lookup`));
    }
    return new Map(answer.data.items.map((p) => [p.id, p]));
  };
  return {
    async priceLines(lines) {
      const prices = await fetchPrices(lines.map((line) => line.productId));
      const unknown: FieldProblem[] = lines.flatMap((line, i) =>
        prices.has(line.productId)
          ? []
          : [{ field: `items.${i}.productId`, message: 'no such product' }],
      );
      if (unknown.length > 0) {
        throw new AppError(
          'unknown_product',
          422,
          'the order names unknown products',
          undefined,
          unknown,
        );
      }
      return lines.map((line) => {
        const { name, price } = prices.get(line.productId)!;
        return { productId: line.productId, name, unitPrice: price, quantity: line.quantity };
      });
    },
  };
}

function catalogUnavailable(cause: unknown): AppError {
  return new AppError('catalog_unavailable', 503, 'the catalog is unavailable; try again', cause);
}
