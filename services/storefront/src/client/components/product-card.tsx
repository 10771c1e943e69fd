import type { Product } from '../lib/api';
import { addToCart } from '../lib/cart';
import { money, titleCase } from '../lib/format';
import { ProductImage } from './product-image';

/** A product in a grid: picture, name (its page), price, stock and Add to cart. */
export function ProductCard({
  product,
  onAdded,
}: {
  product: Product;
  onAdded?: (p: Product) => void;
}) {
  const add = () => {
    addToCart(product, 1);
    onAdded?.(product);
  };
  return (
    <li class="card">
      <a href={`/products/${product.id}`} class="card-image" tabIndex={-1} aria-hidden="true">
        <ProductImage name={product.name} category={product.category} />
      </a>
      <div class="card-body">
        <p class="category">{titleCase(product.category)}</p>
        <h3>
          <a href={`/products/${product.id}`}>{product.name}</a>
        </h3>
        <p class="price">{money(product.price)}</p>
        <StockNote product={product} />
        <button
          type="button"
          onClick={add}
          disabled={!product.inStock}
          aria-label={`Add to cart: ${product.name}`}
        >
          Add to cart
        </button>
      </div>
    </li>
  );
}

export function StockNote({ product }: { product: Product }) {
  if (!product.inStock) return <p class="stock out">Out of stock</p>;
  const few = product.stock <= 5;
  return (
    <p class={few ? 'stock few' : 'stock'}>
      {few ? `Only ${product.stock} left` : `${product.stock} in stock`}
    </p>
  );
}

export function ProductGrid({
  products,
  onAdded,
}: {
  products: readonly Product[];
  onAdded?: (p: Product) => void;
}) {
  return (
    <ul class="grid">
      {products.map((p) => (
        <ProductCard key={p.id} product={p} {...(onAdded ? { onAdded } : {})} />
      ))}
    </ul>
  );
}
