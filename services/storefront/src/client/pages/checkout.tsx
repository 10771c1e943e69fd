import { useMemo } from 'preact/hooks';
import { api, type Order } from '../lib/api';
import { cartTotal, clearCart, useCart } from '../lib/cart';
import { money } from '../lib/format';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { FormProblem, useSubmit } from '../components/form';

/** The shop's test cards (DESIGN.md): the option values are the payment tokens. */
const TEST_CARDS = [
  { token: 'tok_visa', label: 'Visa •••• 4242 (test card, approved)' },
  { token: 'tok_chargeDeclined', label: 'Visa •••• 0002 (test card, declined)' },
];

/**
 * Checkout: the cart, a test card, Place order. One Idempotency-Key per checkout, so a
 * resubmitted form (a double click, a retry after a lost answer) places one order only.
 */
export function CheckoutPage() {
  const session = useSession();
  const lines = useCart();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const { onSubmit, error, busy } = useSubmit(async (fields) => {
    const order = await api<Order>('/api/orders', {
      method: 'POST',
      token: session?.token,
      headers: { 'idempotency-key': idempotencyKey },
      body: {
        items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        payment: { token: fields.card },
      },
    });
    clearCart();
    navigate(`/orders/${order.id}`);
  });
  if (!session) {
    return (
      <section class="narrow">
        <h1>Checkout</h1>
        <p>
          Please <a href="/login?next=/checkout">log in</a> or{' '}
          <a href="/signup?next=/checkout">sign up</a> to place your order.
        </p>
      </section>
    );
  }
  if (lines.length === 0) {
    return (
      <section class="narrow">
        <h1>Checkout</h1>
        <p class="empty">
          Your cart is empty. <a href="/">Browse the catalog</a>
        </p>
      </section>
    );
  }
  return (
    <section class="narrow">
      <h1>Checkout</h1>
      <table class="summary">
        <caption class="visually-hidden">Your order</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.productId}>
              <td>{l.name}</td>
              <td>{l.quantity}</td>
              <td>{money(l.price * l.quantity)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td>{money(cartTotal(lines))}</td>
          </tr>
        </tfoot>
      </table>
      <form class="stack" onSubmit={onSubmit}>
        <div class="field">
          <label for="card">Card</label>
          <select id="card" name="card">
            {TEST_CARDS.map((c) => (
              <option key={c.token} value={c.token}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <FormProblem error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Placing order…' : 'Place order'}
        </button>
      </form>
    </section>
  );
}
