import { cartTotal, MAX_QUANTITY, removeFromCart, setQuantity, useCart } from '../lib/cart';
import { money } from '../lib/format';
import { ProductImage } from '../components/product-image';

/** The cart: each line's quantity and price, remove, the total, and on to Checkout. */
export function CartPage() {
  const lines = useCart();
  if (lines.length === 0) {
    return (
      <section class="narrow">
        <h1>Your cart</h1>
        <p class="empty">
          Your cart is empty. <a href="/">Browse the catalog</a>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>Your cart</h1>
      <ul class="cart-lines">
        {lines.map((line) => (
          <li key={line.productId} class="cart-line">
            <ProductImage name={line.name} category={line.category} />
            <div class="cart-line-name">
              <a href={`/products/${line.productId}`}>{line.name}</a>
              <span class="muted">{money(line.price)} each</span>
            </div>
            <div class="field inline">
              <label for={`qty-${line.productId}`}>Quantity</label>
              <input
                id={`qty-${line.productId}`}
                type="number"
                min={1}
                max={MAX_QUANTITY}
                value={line.quantity}
                onChange={(e) => setQuantity(line.productId, Number(e.currentTarget.value))}
              />
            </div>
            <span class="line-total">{money(line.price * line.quantity)}</span>
            <button
              type="button"
              class="secondary"
              aria-label={`Remove ${line.name}`}
              onClick={() => removeFromCart(line.productId)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div class="cart-summary">
        <p>
          Total <strong class="total">{money(cartTotal(lines))}</strong>{' '}
          <span class="muted">USD</span>
        </p>
        <a class="button" href="/checkout">
          Checkout
        </a>
      </div>
    </section>
  );
}
