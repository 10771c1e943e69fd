import { consumerQueues, deleteBrokerObjects } from '../../../../tools/shopctl/src/broker/cleanup';
import { TEST_AMQP_URL } from './infra';

/**
 * Removes what a test left on the shared broker: its consumer `queues` (each with its retry and
 * dead-letter queue) and, when the test owns it, its `exchange` with its dead-letter exchange.
 */
export function deleteTestBrokerObjects({
  exchange,
  queues = [],
}: {
  exchange?: string;
  queues?: readonly string[];
}): Promise<void> {
  return deleteBrokerObjects(TEST_AMQP_URL, queues.flatMap(consumerQueues), exchange);
}
