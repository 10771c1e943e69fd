import { z } from 'zod';

/** The public Product (DESIGN.md). Prices are integer cents. */
export interface Product {
  id: string;
  name: string;
  description: string;
  category: string;
  price: number;
  currency: 'USD';
  stock: number;
  inStock: boolean;
  createdAt: string;
  updatedAt: string;
}

/** PostgreSQL text cannot hold a NUL byte: such input is a 400 here, not a 500 there. */
const text = () =>
  z
    .string()
    .trim()
    .regex(/^[^\0]*$/, 'must not contain a NUL character');

const name = text().min(1).max(200);
const description = text().max(5000);
const category = text().min(1).max(100);
const price = z.number().int().min(0).max(100_000_000);

export const createProductInput = z.strictObject({
  name,
  description,
  category,
  price,
  initialStock: z.number().int().min(0).max(1_000_000),
});
export type CreateProductInput = z.infer<typeof createProductInput>;

export const updateProductInput = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    category: category.optional(),
    price: price.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const searchQuery = z.object({
  q: text().max(200).optional(),
  category: category.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const productId = z.uuid();

/** A batch price lookup: ids as orders name them (any string; a non-uuid names no product). */
export const priceLookupInput = z.strictObject({
  ids: z.array(z.string().min(1).max(100)).min(1).max(100),
});
