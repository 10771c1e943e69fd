import amqp from 'amqplib';
import { consumerQueues, deadLetterExchange } from '../../src';
import { TEST_AMQP_URL } from './infra';

/**
 * Removes what a test left on the shared broker: its consumer `queues` (each with its retry and
 * dead-letter queue) and, when the test owns it, its `exchange` with its dead-letter exchange.
 */
export async function deleteTestBrokerObjects({
  exchange,
  queues = [],
}: {
  exchange?: string;
  queues?: readonly string[];
}): Promise<void> {
  const connection = await amqp.connect(TEST_AMQP_URL);
  const channel = await connection.createChannel();
  for (const queue of queues.flatMap(consumerQueues)) await channel.deleteQueue(queue);
  if (exchange !== undefined) {
    for (const name of [exchange, deadLetterExchange(exchange)]) await channel.deleteExchange(name);
  }
  await connection.close();
}
