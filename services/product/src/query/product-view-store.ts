import type { Queryable } from '@shop/common';
import type { Product, SearchQuery } from '../domain/product';

export interface ProductPage {
  items: Product[];
  total: number;
  page: number;
  pageSize: number;
}

const SELECT = `SELECT v.id, v.name, v.description, v.category, v.price, v.currency,
    COALESCE(s.available, v.initial_stock) AS stock,
    to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
    to_char(v.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
    count(*) OVER () AS total
  FROM product_view v LEFT JOIN product_view_stock s ON s.product_id = v.id`;

type Row = Omit<Product, 'inStock'> & { total?: string };

function toProduct({ total: _total, ...row }: Row): Product {
  return { ...row, inStock: row.stock > 0 };
}

/** Full-text search (name weighted above description), category filter, pagination. */
export async function searchProducts(db: Queryable, query: SearchQuery): Promise<ProductPage> {
  const q = query.q ? query.q : null;
  const { rows } = await db.query<Row>(
    `${SELECT}
     WHERE ($1::text IS NULL OR v.search @@ websearch_to_tsquery('english', $1))
       AND ($2::text IS NULL OR v.category = $2)
     ORDER BY CASE WHEN $1::text IS NULL THEN 0
                   ELSE ts_rank(v.search, websearch_to_tsquery('english', $1)) END DESC,
              v.created_at DESC, v.id
     LIMIT $3 OFFSET $4`,
    [q, query.category ?? null, query.pageSize, (query.page - 1) * query.pageSize],
  );
  const total = rows[0]?.total !== undefined ? Number(rows[0].total) : await count(db, q, query);
  return { items: rows.map(toProduct), total, page: query.page, pageSize: query.pageSize };
}

/** The total when the requested page is past the end (no row carried the window count). */
async function count(db: Queryable, q: string | null, query: SearchQuery): Promise<number> {
  if (query.page === 1) return 0;
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM product_view v
     WHERE ($1::text IS NULL OR v.search @@ websearch_to_tsquery('english', $1))
       AND ($2::text IS NULL OR v.category = $2)`,
    [q, query.category ?? null],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function findProduct(db: Queryable, id: string): Promise<Product | undefined> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE v.id = $1`, [id]);
  return rows[0] ? toProduct(rows[0]) : undefined;
}
