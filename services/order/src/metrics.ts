import { Counter, Histogram, type Registry } from 'prom-client';
import type { Order } from './domain/order';

/** The order service's business metrics, on the service's own registry. */
export interface OrderMetrics {
  readonly created: Counter;
  readonly final: Counter<'status' | 'reason'>;
  readonly sagaDuration: Histogram<'status'>;
}

export function createOrderMetrics(registry: Registry): OrderMetrics {
  return {
    created: new Counter({
      name: 'orders_created_total',
      help: 'Orders accepted (202), idempotent replays not counted',
      registers: [registry],
    }),
    final: new Counter({
      name: 'orders_final_total',
      help: 'Orders that reached a final state, by status and failure reason',
      labelNames: ['status', 'reason'] as const,
      registers: [registry],
    }),
    sagaDuration: new Histogram({
      name: 'saga_duration_seconds',
      help: 'Time from order creation to its final state',
      labelNames: ['status'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
}

/** Counts an order that has just become final. */
export function observeFinal(metrics: OrderMetrics, order: Order): void {
  metrics.final.inc({ status: order.status, reason: order.failureReason ?? 'none' });
  const seconds = (Date.parse(order.updatedAt) - Date.parse(order.createdAt)) / 1000;
  metrics.sagaDuration.observe({ status: order.status }, Math.max(0, seconds));
}
