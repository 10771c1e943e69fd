import { useEffect, useState } from 'preact/hooks';
import type { Order } from '../lib/api';
import { money, when } from '../lib/format';
import { watchOrder } from '../lib/order-watch';
import { useSession } from '../lib/session';

const REASONS: Record<string, string> = {
  PAYMENT_DECLINED: 'Payment declined',
  OUT_OF_STOCK: 'Out of stock',
  TIMEOUT: 'The shop did not answer in time',
};

const STEP_NAMES: Record<string, string> = {
  reserve_stock: 'Reserve stock',
  charge_payment: 'Charge payment',
  commit_stock: 'Ship from stock',
};

const STEP_STATUS: Record<string, string> = {
  requested: 'in progress',
  succeeded: 'done',
  failed: 'failed',
  compensated: 'undone',
  timed_out: 'timed out',
};

/** One order, followed live: each saga step as it happens, then the final state. */
export function OrderPage({ id }: { id: string }) {
  const session = useSession();
  const [order, setOrder] = useState<Order | undefined>();
  const [error, setError] = useState<Error | undefined>();
  useEffect(() => {
    if (!session) return;
    const watch = watchOrder(id, session.token, setOrder, (err) => setError(err as Error));
    return () => watch.stop();
  }, [id, session?.token]);
  if (!session)
    return (
      <p>
        Please <a href="/login">log in</a> to see your order.
      </p>
    );
  if (error)
    return (
      <p class="form-error" role="alert">
        {error.message}
      </p>
    );
  if (!order) return <p class="muted">Loading your order…</p>;
  return (
    <section class="narrow">
      <h1>
        Order <span class="mono">{order.id.slice(0, 8)}</span>
      </h1>
      <p class="muted">
        Placed {when(order.createdAt)} · {money(order.total)}
      </p>
      <div class={`order-state ${order.status.toLowerCase()}`} role="status">
        <strong class="order-status">{order.status}</strong>
        {order.status === 'PENDING' && <span> We are processing your order…</span>}
        {order.status === 'CONFIRMED' && <span> Thank you! Your order is confirmed.</span>}
        {order.failureReason && (
          <span class="reason"> {REASONS[order.failureReason] ?? order.failureReason}</span>
        )}
      </div>
      <h2>Progress</h2>
      <ol class="steps" aria-live="polite">
        <li class="step done">
          Order received <span class="muted">{when(order.createdAt)}</span>
        </li>
        {order.steps.map((s) => (
          <li key={`${s.name}-${s.status}`} class={`step ${s.status}`}>
            {STEP_NAMES[s.name] ?? s.name}: {STEP_STATUS[s.status] ?? s.status}{' '}
            <span class="muted">{when(s.at)}</span>
          </li>
        ))}
      </ol>
      <h2>Items</h2>
      <ul class="plain">
        {order.items.map((i) => (
          <li key={i.productId}>
            <a href={`/products/${i.productId}`}>{i.name}</a> × {i.quantity} ·{' '}
            {money(i.unitPrice * i.quantity)}
          </li>
        ))}
      </ul>
      <p>
        <a href="/account/orders">All your orders</a>
      </p>
    </section>
  );
}
