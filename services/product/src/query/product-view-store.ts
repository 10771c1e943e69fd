import type { Queryable } from '@shop/common';
import type { Product, SearchQuery } from '../domain/product';

export interface ProductPage {
  items: Product[];
  total: number;
  page: number;
  pageSize: number;
}

const COLUMNS = `v.id, v.name, v.description, v.category, v.price, v.currency,
    COALESCE(s.available, v.initial_stock) AS stock,
    to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
    to_char(v.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;

const STOCK = 'LEFT JOIN product_view_stock s ON s.product_id = v.id';

type Row = Omit<Product, 'inStock'> & { total?: string };

function toProduct({ total: _total, ...row }: Row): Product {
  return { ...row, inStock: row.stock > 0 };
}

/**
 * Full-text search (name weighted above description), category filter, pagination. One
 * statement, so the total and the page come from one snapshot: a page past the end still
 * carries the total (a row of nulls beside it), and a product created meanwhile cannot be
 * counted without being listed.
 */
export async function searchProducts(db: Queryable, query: SearchQuery): Promise<ProductPage> {
  const { rows } = await db.query<Row>(
    `WITH matches AS (
       SELECT v.id, v.created_at,
              CASE WHEN $1::text IS NULL THEN 0
                   ELSE ts_rank(v.search, websearch_to_tsquery('english', $1)) END AS rank
       FROM product_view v
       WHERE ($1::text IS NULL OR v.search @@ websearch_to_tsquery('english', $1))
         AND ($2::text IS NULL OR v.category = $2)
     ), page AS (
       SELECT * FROM matches ORDER BY rank DESC, created_at DESC, id LIMIT $3 OFFSET $4
     )
     SELECT (SELECT count(*) FROM matches) AS total, ${COLUMNS}
     FROM (SELECT) AS one
     LEFT JOIN (page p JOIN product_view v ON v.id = p.id ${STOCK}) ON true
     ORDER BY p.rank DESC, p.created_at DESC, p.id`,
    [query.q || null, query.category ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  return {
    items: rows.filter((row) => row.id !== null).map(toProduct),
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function findProduct(db: Queryable, id: string): Promise<Product | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM product_view v ${STOCK} WHERE v.id = $1`,
    [id],
  );
  return rows[0] ? toProduct(rows[0]) : undefined;
}
