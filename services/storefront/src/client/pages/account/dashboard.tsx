import { api, type Order, type Product, type User } from '../../lib/api';
import type { Session } from '../../lib/session';
import { useLoad } from '../../lib/use-api';
import { ProductGrid } from '../../components/product-card';
import { OrderList } from './orders';

interface Dashboard {
  readonly user: User;
  readonly recentOrders: readonly Order[];
  readonly recommendations: readonly Product[];
  readonly degraded: readonly string[];
}

/** The account's home (GET /api/dashboard): recent orders and recommendations. */
export function DashboardPage({ session }: { session: Session }) {
  const [dashboard] = useLoad('dashboard', () =>
    api<Dashboard>('/api/dashboard', { token: session.token }),
  );
  if (dashboard.state === 'loading') return <p class="muted">Loading…</p>;
  if (dashboard.state === 'failed')
    return (
      <p class="form-error" role="alert">
        {dashboard.error.message}
      </p>
    );
  const { user, recentOrders, recommendations, degraded } = dashboard.value;
  return (
    <>
      <h1>Hello, {user.name}</h1>
      <p class="muted">{user.email}</p>
      {degraded.length > 0 && (
        <p class="notice">Some of this page is unavailable right now ({degraded.join(', ')}).</p>
      )}
      <section aria-labelledby="recent">
        <h2 id="recent">Recent orders</h2>
        <OrderList orders={recentOrders} />
        <p>
          <a href="/account/orders">All your orders</a> ·{' '}
          <a href="/account/notifications">Notifications</a>
        </p>
      </section>
      {recommendations.length > 0 && (
        <section aria-labelledby="for-you" class="recommendations">
          <h2 id="for-you">Recommended for you</h2>
          <ProductGrid products={recommendations} />
        </section>
      )}
    </>
  );
}
