import type { EventBackbone, Pool, PoolClient } from '@shop/common';
import { Gauge, type Registry } from 'prom-client';
import { PROJECTED_EVENTS, project, type ProjectedEvent } from './projection';

/** The read side's queue; also the consumer name in processed_events. */
export const QUERY_QUEUE = 'product.query';

/**
 * The read side's subscriptions: each event is journaled and projected in one transaction,
 * once per event id, and the read model's lag (event time to applied) is exported.
 */
export function subscribeReadModel(events: EventBackbone, pool: Pool, registry: Registry): void {
  const lag = new Gauge({
    name: 'product_view_lag_seconds',
    help: 'Seconds between the last projected event occurring and being applied to product_view',
    registers: [registry],
  });
  const consumer = events.consumer(QUERY_QUEUE, { pool });
  const apply = async (event: ProjectedEvent, tx: PoolClient) => {
    await tx.query('INSERT INTO product_view_journal (event_id, envelope) VALUES ($1, $2)', [
      event.id,
      JSON.stringify(event),
    ]);
    await project(tx, event);
    lag.set(Math.max(0, (Date.now() - Date.parse(event.occurredAt)) / 1000));
  };
  for (const type of PROJECTED_EVENTS) consumer.subscribeOnce(type, apply);
}
