import type { Queryable } from '@shop/common';
import type { CreateProductInput, UpdateProductInput } from '../domain/product';

/** A row of the write model. */
export interface ProductRecord {
  id: string;
  name: string;
  description: string;
  category: string;
  price: number;
  initialStock: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, name, description, category, price, initial_stock AS "initialStock", version,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;

export async function insertProduct(
  db: Queryable,
  id: string,
  input: CreateProductInput,
): Promise<ProductRecord> {
  const { rows } = await db.query<ProductRecord>(
    `INSERT INTO products (id, name, description, category, price, initial_stock, version,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 1, now(), now()) RETURNING ${COLUMNS}`,
    [id, input.name, input.description, input.category, input.price, input.initialStock],
  );
  return rows[0]!;
}

/** Applies the changed fields and bumps the version; undefined when the product is missing. */
export async function updateProduct(
  db: Queryable,
  id: string,
  changes: UpdateProductInput,
): Promise<ProductRecord | undefined> {
  const { rows } = await db.query<ProductRecord>(
    `UPDATE products SET
       name = COALESCE($2, name), description = COALESCE($3, description),
       category = COALESCE($4, category), price = COALESCE($5, price),
       version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, changes.name, changes.description, changes.category, changes.price],
  );
  return rows[0];
}

/** What an order is priced from: the write model's current name and price. */
export interface PriceRecord {
  id: string;
  name: string;
  price: number;
}

/** The write model's prices of `ids`, in one query; unknown ids are absent. */
export async function findPrices(db: Queryable, ids: readonly string[]): Promise<PriceRecord[]> {
  const { rows } = await db.query<PriceRecord>(
    'SELECT id, name, price FROM products WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return rows;
}
