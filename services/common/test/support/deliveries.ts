import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ConfirmChannel, Message } from 'amqplib';
import { DELIVERY_CHANNEL, type Delivery } from '../../src/events/delivery-channel';

/** What the consumers of this process did with the messages of one event id. */
export interface DeliveryRecord {
  /** Deliveries that reached a consumer. */
  readonly delivered: number;
  /** Of those, how many the consumer acknowledged or rejected: its handling is over. */
  readonly settled: number;
}

export interface DeliveryRecorder {
  of(eventId: string): DeliveryRecord;
  stop(): void;
}

const patched = new WeakSet<ConfirmChannel>();
const settledTags = new WeakMap<ConfirmChannel, Set<number>>();

/**
 * Records every delivery to the consumers of this process and when each was acked or nacked,
 * so a test can wait until a duplicate has been handled instead of guessing with a sleep.
 */
export function recordDeliveries(): DeliveryRecorder {
  const byEvent = new Map<string, Array<{ channel: ConfirmChannel; tag: number }>>();
  const onDelivery = (message: unknown) => {
    const { channel, message: msg } = message as Delivery;
    watchSettlements(channel);
    const id = eventIdOf(msg);
    if (!id) return;
    const list = byEvent.get(id) ?? [];
    list.push({ channel, tag: msg.fields.deliveryTag });
    byEvent.set(id, list);
  };
  subscribe(DELIVERY_CHANNEL, onDelivery);
  return {
    of(eventId) {
      const list = byEvent.get(eventId) ?? [];
      const settled = list.filter((d) => settledTags.get(d.channel)?.has(d.tag)).length;
      return { delivered: list.length, settled };
    },
    stop: () => void unsubscribe(DELIVERY_CHANNEL, onDelivery),
  };
}

function eventIdOf(msg: Message): string | undefined {
  try {
    return (JSON.parse(msg.content.toString('utf8')) as { id?: string }).id;
  } catch {
    return undefined;
  }
}

/** Wraps the channel's ack and nack once, noting which delivery tags were settled. */
function watchSettlements(channel: ConfirmChannel): void {
  if (patched.has(channel)) return;
  patched.add(channel);
  const tags = new Set<number>();
  settledTags.set(channel, tags);
  const { ack, nack } = channel;
  channel.ack = (msg, ...rest) => {
    tags.add(msg.fields.deliveryTag);
    return ack.call(channel, msg, ...rest);
  };
  channel.nack = (msg, ...rest) => {
    tags.add(msg.fields.deliveryTag);
    return nack.call(channel, msg, ...rest);
  };
}
