import { api, type Order } from './api';

export interface OrderWatch {
  stop(): void;
}

const POLL_MS = 500;
const MAX_POLL_MS = 3000;

/**
 * Follows an order until its final state, calling `onChange` with each new version.
 * It polls GET /api/orders/:id (with a gentle backoff while nothing changes); when the
 * gateway serves GET /api/orders/:id/events, only this function needs to change.
 */
export function watchOrder(
  id: string,
  token: string,
  onChange: (order: Order) => void,
  onError: (err: unknown) => void,
): OrderWatch {
  let stopped = false;
  let timer: number | undefined;
  let last = '';
  let delay = POLL_MS;
  const poll = async () => {
    try {
      const order = await api<Order>(`/api/orders/${encodeURIComponent(id)}`, { token });
      if (stopped) return;
      const seen = JSON.stringify([order.status, order.steps]);
      delay = seen === last ? Math.min(delay * 1.5, MAX_POLL_MS) : POLL_MS;
      if (seen !== last) onChange(order);
      last = seen;
      if (order.status === 'PENDING') timer = window.setTimeout(poll, delay);
    } catch (err) {
      if (!stopped) onError(err);
    }
  };
  void poll();
  return {
    stop() {
      stopped = true;
      window.clearTimeout(timer);
    },
  };
}
