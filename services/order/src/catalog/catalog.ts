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

const catalogProduct = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number().int().nonnegative(),
});
type CatalogProduct = z.infer<typeof catalogProduct>;

/** The product service's public API: one `GET /api/products/:id` per product, in parallel. */
export function httpCatalog(client: HttpClient): Catalog {
  const fetchProduct = async (id: string): Promise<CatalogProduct | undefined> => {
    const response = await client
      .request(`GET`, `/api/products/${encodeURIComponent(id)}`)
      .catch((err: unknown) => {
        throw catalogUnavailable(err);
      });
    if (response.status === 404) return undefined;
    const product = catalogProduct.safeParse(response.body);
    if (response.status !== 200 || !product.success) {
      throw catalogUnavailable(new Error(`catalog answered ${response.status} for product ${id}`));
    }
    return product.data;
  };
  return {
    async priceLines(lines) {
      const products = await Promise.all(lines.map((line) => fetchProduct(line.productId)));
      const unknown: FieldProblem[] = lines.flatMap((line, i) =>
        products[i] ? [] : [{ field: `items.${i}.productId`, message: 'no such product' }],
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
      return lines.map((line, i) => {
        const { name, price } = products[i]!;
        return { productId: line.productId, name, unitPrice: price, quantity: line.quantity };
      });
    },
  };
}

function catalogUnavailable(cause: unknown): AppError {
  return new AppError('catalog_unavailable', 503, 'the catalog is unavailable; try again', cause);
}
