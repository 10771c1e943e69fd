import type { Response } from 'express';
import { publicOrder } from '../domain/order';
import type { StoredOrder } from '../store/order-store';
import type { OrderFeed } from './order-feed';

export interface OrderStreamOptions {
  readonly feed: OrderFeed;
  /** A comment line this often keeps proxies and clients from taking the stream for dead. */
  readonly heartbeatMs: number;
}

/**
 * Answers with a `text/event-stream` of the order (DESIGN.md): an `order` event with the order
 * as it is now, one per newer version, the stream ending after the final state. Each event's
 * `id` is the order's version. A client that goes away releases its timer and its follow.
 */
export function streamOrder(res: Response, current: StoredOrder, options: OrderStreamOptions) {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    // nginx-style proxies otherwise buffer the answer.
    'x-accel-buffering': 'no',
  });
  let version = 0;
  let unfollow = () => {};
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
  const release = () => {
    clearInterval(heartbeat);
    unfollow();
  };
  const finish = () => {
    release();
    res.end();
  };
  const send = (stored: StoredOrder) => {
    if (stored.version <= version || res.writableEnded) return;
    version = stored.version;
    res.write(
      `id: ${stored.version}\nevent: order\ndata: ${JSON.stringify(publicOrder(stored.order))}\n\n`,
    );
    if (stored.order.status !== 'PENDING') finish();
  };
  res.once('close', release);
  send(current);
  if (!res.writableEnded) unfollow = options.feed.follow(current, { next: send, end: finish });
}
