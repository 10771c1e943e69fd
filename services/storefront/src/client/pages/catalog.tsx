import { useState } from 'preact/hooks';
import { api, catalogPath, type Page, type Product } from '../lib/api';
import { titleCase } from '../lib/format';
import { navigate, type Location } from '../lib/router';
import { useLoad } from '../lib/use-api';
import { Status } from '../components/form';
import { ProductGrid } from '../components/product-card';

const PAGE_SIZE = 12;
/** Categories come from the catalog itself (one large page is enough for a small shop). */
const CATEGORY_SAMPLE = 100;

/** The catalog: search, category filter and pages, all in the URL (?q=&category=&page=). */
export function CatalogPage({ location }: { location: Location }) {
  const q = location.query.get('q') ?? '';
  const category = location.query.get('category') ?? '';
  const page = Math.max(1, Number(location.query.get('page')) || 1);
  const path = catalogPath({ q, category, page, pageSize: PAGE_SIZE });
  const [result] = useLoad(path, () => api<Page<Product>>(path));
  const [categories] = useLoad('categories', async () => {
    const all = await api<Page<Product>>(catalogPath({ pageSize: CATEGORY_SAMPLE }));
    return [...new Set(all.items.map((p) => p.category))].sort();
  });
  const [added, setAdded] = useState<Product | undefined>();
  const go = (next: { q?: string; category?: string; page?: number }) =>
    navigate(catalogPath({ q, category, ...next }).replace('/api/products', '/'));
  const onSearch = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    go({
      q: String(data.get('q') ?? '').trim(),
      category: String(data.get('category') ?? ''),
      page: 1,
    });
  };
  return (
    <>
      <section class="hero">
        <h1>Good things, fairly priced</h1>
        <p>Kitchen, home, apparel and more. Free returns within 30 days.</p>
      </section>
      <form class="filters" role="search" aria-label="Products" onSubmit={onSearch}>
        <div class="field grow">
          <label for="search-q">Search</label>
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={q}
            key={q}
            placeholder="Kettle, lamp, shoes…"
          />
        </div>
        <div class="field">
          <label for="search-category">Category</label>
          <select
            id="search-category"
            name="category"
            value={category}
            onChange={(e) => go({ category: e.currentTarget.value, page: 1 })}
          >
            <option value="">All categories</option>
            {categories.state === 'ready' &&
              categories.value.map((c) => (
                <option key={c} value={c}>
                  {titleCase(c)}
                </option>
              ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <Status>{added ? `Added ${added.name} to your cart.` : ''}</Status>
      {result.state === 'loading' && <p class="muted">Loading products…</p>}
      {result.state === 'failed' && (
        <p class="form-error" role="alert">
          {result.error.message}
        </p>
      )}
      {result.state === 'ready' && (
        <Results page={result.value} q={q} onAdded={setAdded} onPage={(n) => go({ page: n })} />
      )}
    </>
  );
}

function Results(props: {
  page: Page<Product>;
  q: string;
  onAdded: (p: Product) => void;
  onPage: (n: number) => void;
}) {
  const { items, total, page, pageSize } = props.page;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (items.length === 0) {
    return (
      <p class="empty">{props.q ? `No products match “${props.q}”.` : 'No products here yet.'}</p>
    );
  }
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" class="results-heading">
        {total === 1 ? '1 product' : `${total} products`}
      </h2>
      <ProductGrid products={items} onAdded={props.onAdded} />
      {pages > 1 && (
        <nav class="pager" aria-label="Pages">
          <button type="button" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => props.onPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
