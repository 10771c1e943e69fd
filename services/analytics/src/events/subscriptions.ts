import type { EventBackbone, Pool } from '@shop/common';
import { saveCategory } from '../store/catalog-store';

/** Product categories (for recommendations): a classic queue of the kit, retried and dead-lettered. */
export const CATALOG_QUEUE = 'analytics.catalog';

/** product.created / product.updated keep the local product -> category table. */
export function subscribeCatalog(events: EventBackbone, pool: Pool): void {
  events
    .consumer(CATALOG_QUEUE)
    .subscribe('product.created', (event) => saveCategory(pool, event.data))
    .subscribe('product.updated', (event) => saveCategory(pool, event.data));
}
