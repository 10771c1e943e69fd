import { useState } from 'preact/hooks';
import { api, catalogPath, type Page, type Product } from '../lib/api';
import { addToCart, MAX_QUANTITY } from '../lib/cart';
import { money, titleCase } from '../lib/format';
import { useLoad } from '../lib/use-api';
import { Status } from '../components/form';
import { ProductGrid, StockNote } from '../components/product-card';
import { ProductImage } from '../components/product-image';

/** One product at its own URL: details, quantity, Add to cart, and more from its category. */
export function ProductPage({ id }: { id: string }) {
  const [product] = useLoad(id, () => api<Product>(`/api/products/${encodeURIComponent(id)}`));
  if (product.state === 'loading') return <p class="muted">Loading…</p>;
  if (product.state === 'failed') {
    return (
      <section class="narrow">
        <h1>Product not found</h1>
        <p>{product.error.message}</p>
        <p>
          <a href="/">Back to the catalog</a>
        </p>
      </section>
    );
  }
  return <ProductDetails product={product.value} />;
}

function ProductDetails({ product }: { product: Product }) {
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState('');
  const add = (event: Event) => {
    event.preventDefault();
    addToCart(product, quantity);
    setAdded(`Added ${quantity} × ${product.name} to your cart.`);
  };
  return (
    <>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <a href="/">Catalog</a> ›{' '}
        <a href={`/?category=${encodeURIComponent(product.category)}`}>
          {titleCase(product.category)}
        </a>
      </nav>
      <article class="product">
        <div class="product-picture">
          <ProductImage name={product.name} category={product.category} />
        </div>
        <div class="product-info">
          <h1>{product.name}</h1>
          <p class="price large">{money(product.price)}</p>
          <StockNote product={product} />
          <p class="description">{product.description}</p>
          <form class="add-form" onSubmit={add}>
            <div class="field">
              <label for="quantity">Quantity</label>
              <input
                id="quantity"
                type="number"
                min={1}
                max={Math.min(MAX_QUANTITY, Math.max(1, product.stock))}
                value={quantity}
                required
                onInput={(e) => setQuantity(Number(e.currentTarget.value) || 1)}
              />
            </div>
            <button type="submit" disabled={!product.inStock}>
              Add to cart
            </button>
          </form>
          <Status>
            {added && (
              <>
                {added} <a href="/cart">View cart</a>
              </>
            )}
          </Status>
        </div>
      </article>
      <Recommendations product={product} />
    </>
  );
}

function Recommendations({ product }: { product: Product }) {
  const path = catalogPath({ category: product.category, pageSize: 5 });
  const [others] = useLoad(path, () => api<Page<Product>>(path));
  if (others.state !== 'ready') return null;
  const items = others.value.items.filter((p) => p.id !== product.id).slice(0, 4);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="recommended" class="recommendations">
      <h2 id="recommended">You may also like</h2>
      <ProductGrid products={items} />
    </section>
  );
}
