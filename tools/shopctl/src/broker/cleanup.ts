import amqp from 'amqplib';
import { deadLetterExchange } from '@shop/common';

/**
 * Deletes `queues`, then `exchange` (when given) and its dead-letter exchange: what an isolated
 * run (a test, a stack of its own) leaves on a shared broker. Objects already gone are no error.
 */
export async function deleteBrokerObjects(
  amqpUrl: string,
  queues: readonly string[],
  exchange?: string,
): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    for (const queue of queues) await channel.deleteQueue(queue);
    if (exchange !== undefined) {
      await channel.deleteExchange(exchange);
      await channel.deleteExchange(deadLetterExchange(exchange));
    }
    await channel.close();
  } finally {
    await connection.close();
  }
}
