import type { EventEnvelope, EventType } from '@shop/common';
import { TEST_AMQP_URL } from '@shop/common/testing';
import amqp from 'amqplib';

export interface EventTap<T extends EventType> {
  /** Every message received so far, parsed, in arrival order. */
  readonly received: EventEnvelope<T>[];
  close(): Promise<void>;
}

/**
 * An exclusive queue bound to `exchange` for events of `type`, collecting what arrives: the
 * test's view of what the service published. Declares the exchange as the broker does.
 */
export async function tapEvents<T extends EventType>(
  exchange: string,
  type: T,
): Promise<EventTap<T>> {
  const connection = await amqp.connect(TEST_AMQP_URL);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, type);
  const received: EventEnvelope<T>[] = [];
  await channel.consume(
    queue,
    (message) => {
      if (message) received.push(JSON.parse(message.content.toString()) as EventEnvelope<T>);
    },
    { noAck: true },
  );
  return {
    received,
    async close() {
      await channel.deleteExchange(exchange).catch(() => undefined);
      await connection.close();
    },
  };
}
