import { parseEvent, withTransaction, type Pool } from '@shop/common';
import { project, type ProjectedEvent } from './projection';

/**
 * Rebuilds product_view and product_view_stock from the journal of consumed events, in one
 * transaction (readers see the old view until it commits). Returns the events replayed.
 */
export async function rebuildReadModel(pool: Pool): Promise<number> {
  return withTransaction(pool, async (tx) => {
    await tx.query('LOCK TABLE product_view, product_view_stock IN EXCLUSIVE MODE');
    await tx.query('TRUNCATE product_view, product_view_stock');
    const { rows } = await tx.query<{ envelope: unknown }>(
      'SELECT envelope FROM product_view_journal ORDER BY seq',
    );
    for (const row of rows) await project(tx, parseEvent(row.envelope) as ProjectedEvent);
    return rows.length;
  });
}
