import { api, type Product } from '../../lib/api';
import { money } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useLoad } from '../../lib/use-api';
import { AdminNav } from './nav';
import { BarChart } from './bar-chart';

interface Summary {
  readonly orders: { total: number; confirmed: number; cancelled: number };
  readonly revenue: number;
  readonly topProducts: ReadonlyArray<{ productId: string; quantity: number }>;
}

/** Admin: the analytics summary as figures and a chart of the best-selling products. */
export function AnalyticsPage({ session }: { session: Session }) {
  const [summary] = useLoad('summary', async () => {
    const s = await api<Summary>('/api/analytics/summary', { token: session.token });
    const names = await Promise.all(
      s.topProducts.map((t) =>
        api<Product>(`/api/products/${t.productId}`).then(
          (p) => p.name,
          () => t.productId.slice(0, 8),
        ),
      ),
    );
    return { ...s, names };
  });
  return (
    <>
      <AdminNav current="/admin/analytics" />
      <h1>Analytics</h1>
      {summary.state === 'loading' && <p class="muted">Loading…</p>}
      {summary.state === 'failed' && (
        <p class="form-error" role="alert">
          {summary.error.message}
        </p>
      )}
      {summary.state === 'ready' && (
        <>
          <dl class="figures big">
            <div>
              <dt>Orders</dt>
              <dd>{summary.value.orders.total}</dd>
            </div>
            <div>
              <dt>Confirmed</dt>
              <dd>{summary.value.orders.confirmed}</dd>
            </div>
            <div>
              <dt>Cancelled</dt>
              <dd>{summary.value.orders.cancelled}</dd>
            </div>
            <div>
              <dt>Revenue</dt>
              <dd>{money(summary.value.revenue)}</dd>
            </div>
          </dl>
          <section class="panel" aria-labelledby="orders-chart">
            <h2 id="orders-chart">Orders by status</h2>
            <BarChart
              title="Orders by status"
              unit="orders"
              bars={[
                { label: 'Confirmed', value: summary.value.orders.confirmed, tone: 'good' },
                { label: 'Cancelled', value: summary.value.orders.cancelled, tone: 'bad' },
                {
                  label: 'Pending',
                  value: Math.max(
                    0,
                    summary.value.orders.total -
                      summary.value.orders.confirmed -
                      summary.value.orders.cancelled,
                  ),
                },
              ]}
            />
          </section>
          <section class="panel" aria-labelledby="top-chart">
            <h2 id="top-chart">Top products (units sold)</h2>
            {summary.value.topProducts.length === 0 ? (
              <p class="empty">No sales yet.</p>
            ) : (
              <BarChart
                title="Top products by units sold"
                unit="units"
                bars={summary.value.topProducts.map((t, i) => ({
                  label: summary.value.names[i] ?? t.productId,
                  value: t.quantity,
                }))}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
