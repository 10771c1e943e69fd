import { createEvent, type EventEnvelope } from '@shop/common';
import type { Message } from '../saga/messages';

export const SOURCE = 'order';

/** Envelopes for a decision's messages; the order id is the saga's correlation id. */
export function envelopes(
  messages: readonly Message[],
  orderId: string,
  causationId?: string,
): EventEnvelope[] {
  const options = { source: SOURCE, correlationId: orderId, ...(causationId && { causationId }) };
  return messages.map((m) => createEvent(m.type, m.data, options) as EventEnvelope);
}
