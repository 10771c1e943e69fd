import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { DELIVERY_CHANNEL, type Delivery } from '../events/delivery-channel';

const DUPLICATE_HEADER = 'x-test-duplicate';

/**
 * Puts a copy of every message a consumer of this process receives back on its queue, so each
 * message is handled twice (the consumers' idempotency under test). Returns the undo.
 */
export function duplicateEveryDelivery(): () => void {
  const onDelivery = (message: unknown) => {
    const { queue, channel, message: msg } = message as Delivery;
    const headers = msg.properties.headers ?? {};
    if (headers[DUPLICATE_HEADER]) return;
    channel.sendToQueue(queue, msg.content, {
      ...msg.properties,
      headers: { ...headers, [DUPLICATE_HEADER]: true },
    });
  };
  subscribe(DELIVERY_CHANNEL, onDelivery);
  return () => void unsubscribe(DELIVERY_CHANNEL, onDelivery);
}
