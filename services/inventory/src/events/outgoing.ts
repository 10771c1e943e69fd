import { createEvent, type EventData, type EventEnvelope, type EventType } from '@shop/common';
import type { StockLevel } from '../domain/stock';

/** Why an event is published: the saga (order id) and the message that caused it. */
export interface Cause {
  readonly correlationId: string;
  readonly causationId?: string;
}

export function causeOf(event: EventEnvelope): Cause {
  return { correlationId: event.correlationId, causationId: event.id };
}

export function inventoryEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  cause: Cause,
): EventEnvelope<T> {
  return createEvent(type, data, { source: 'inventory', ...cause });
}

/** Feeds the catalog's read model; one per level whose `available` changed. */
export function stockChanged(level: StockLevel, cause: Cause): EventEnvelope {
  return inventoryEvent('inventory.stock_changed', { ...level }, cause);
}
