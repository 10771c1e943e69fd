import { api, type Order, type Page } from '../../lib/api';
import { money, when } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useLoad } from '../../lib/use-api';

/** The customer's orders, newest first, each linking to its live page. */
export function OrdersPage({ session }: { session: Session }) {
  const [orders] = useLoad('orders', () =>
    api<Page<Order>>('/api/orders?pageSize=50', { token: session.token }),
  );
  return (
    <section>
      <h1>Your orders</h1>
      {orders.state === 'loading' && <p class="muted">Loading…</p>}
      {orders.state === 'failed' && (
        <p class="form-error" role="alert">
          {orders.error.message}
        </p>
      )}
      {orders.state === 'ready' && <OrderList orders={orders.value.items} />}
    </section>
  );
}

export function OrderList({ orders }: { orders: readonly Order[] }) {
  if (orders.length === 0)
    return (
      <p class="empty">
        No orders yet. <a href="/">Start shopping</a>
      </p>
    );
  return (
    <ul class="orders">
      {orders.map((o) => (
        <li key={o.id} class="order-row">
          <a href={`/orders/${o.id}`} class="mono">
            Order {o.id.slice(0, 8)}
          </a>
          <span class="muted">{when(o.createdAt)}</span>
          <span>{o.items.map((i) => `${i.name} × ${i.quantity}`).join(', ')}</span>
          <span>{money(o.total)}</span>
          <span class={`badge-status ${o.status.toLowerCase()}`}>{o.status}</span>
        </li>
      ))}
    </ul>
  );
}
