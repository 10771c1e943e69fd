import { createEvent, type EventData, type EventEnvelope, type EventType } from '@shop/common';

/** Why an event is published: the saga (order id) and the message that caused it. */
export interface Cause {
  readonly correlationId: string;
  readonly causationId?: string;
}

export function causeOf(event: EventEnvelope): Cause {
  return { correlationId: event.correlationId, causationId: event.id };
}

export function paymentEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  cause: Cause,
): EventEnvelope<T> {
  return createEvent(type, data, { source: 'payment', ...cause });
}
