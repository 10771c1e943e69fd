import { api, ApiError, type Order } from './api';

export interface OrderWatch {
  stop(): void;
}

const POLL_MS = 500;
const MAX_POLL_MS = 3000;

/**
 * Follows an order until its final state, calling `onChange` with each new version. It reads
 * the live stream GET /api/orders/:id/events with fetch (EventSource cannot send the Bearer
 * header); if the stream fails or ends before the final state, it polls GET /api/orders/:id.
 */
export function watchOrder(
  id: string,
  token: string,
  onChange: (order: Order) => void,
  onError: (err: unknown) => void,
): OrderWatch {
  const abort = new AbortController();
  let final = false;
  let fallback: OrderWatch | undefined;
  const deliver = (order: Order) => {
    final = order.status !== 'PENDING';
    onChange(order);
  };
  const poll = () => {
    if (!final && !abort.signal.aborted) fallback = pollOrder(id, token, onChange, onError);
  };
  followStream(id, token, abort.signal, deliver).then(poll, poll);
  return {
    stop() {
      abort.abort();
      fallback?.stop();
    },
  };
}

/** Reads the order's event stream, passing on each `order` event's order, until it ends. */
async function followStream(
  id: string,
  token: string,
  signal: AbortSignal,
  onOrder: (order: Order) => void,
): Promise<void> {
  const res = await fetch(`/api/orders/${encodeURIComponent(id)}/events`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
    signal,
  });
  if (!res.ok || !res.body) throw new ApiError(res.status, 'The live order stream is unavailable.');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += value;
    for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
      const data = dataOf(buffered.slice(0, end));
      buffered = buffered.slice(end + 2);
      if (data) onOrder(JSON.parse(data) as Order);
    }
  }
}

/** The `data` of one event block; undefined for a comment (a heartbeat). */
function dataOf(block: string): string | undefined {
  const lines = block.split('\n').filter((line) => line.startsWith('data:'));
  return lines.length ? lines.map((line) => line.slice(5).replace(/^ /, '')).join('\n') : undefined;
}

/** Polls GET /api/orders/:id (with a gentle backoff while nothing changes) until it is final. */
function pollOrder(
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
