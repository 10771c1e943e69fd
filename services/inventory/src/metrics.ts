import { Counter, type Registry } from 'prom-client';
import type { Outcome } from './domain/reservation';

/** The inventory service's business counters, on the service's own registry. */
export interface InventoryMetrics {
  readonly reservations: Counter<'result'>;
}

export function createInventoryMetrics(registry: Registry): InventoryMetrics {
  return {
    reservations: new Counter({
      name: 'inventory_reservations_total',
      help: 'Reservation decisions by result (reserved, rejected, released, committed)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
}

const COUNTED: ReadonlySet<Outcome> = new Set(['reserved', 'rejected', 'released', 'committed']);

export function countOutcome(metrics: InventoryMetrics, outcome: Outcome): void {
  if (COUNTED.has(outcome)) metrics.reservations.inc({ result: outcome });
}
