import { api } from '../../lib/api';
import { when } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useLoad } from '../../lib/use-api';

interface Notification {
  readonly id: string;
  readonly kind: string;
  readonly subject: string;
  readonly to: string;
  readonly orderId?: string;
  readonly createdAt: string;
}

/** The emails the shop sent the customer (welcome, order confirmed or cancelled). */
export function NotificationsPage({ session }: { session: Session }) {
  const [list] = useLoad('notifications', () =>
    api<{ items: Notification[] }>('/api/notifications', { token: session.token }),
  );
  return (
    <section>
      <h1>Notifications</h1>
      {list.state === 'loading' && <p class="muted">Loading…</p>}
      {list.state === 'failed' && (
        <p class="form-error" role="alert">
          {list.error.message}
        </p>
      )}
      {list.state === 'ready' &&
        (list.value.items.length === 0 ? (
          <p class="empty">No notifications yet.</p>
        ) : (
          <ul class="notifications">
            {list.value.items.map((n) => (
              <li key={n.id}>
                <strong>{n.subject}</strong>
                <span class="muted">
                  to {n.to} · {when(n.createdAt)}
                </span>
                {n.orderId && <a href={`/orders/${n.orderId}`}>See the order</a>}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
