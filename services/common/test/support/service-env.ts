import { deleteTestBrokerObjects } from './broker-cleanup';
import { createTestDatabase, TEST_AMQP_URL, uniqueExchange } from './infra';

export interface StoreAndBusEnv {
  /** DATABASE_URL, AMQP_URL, EVENTS_EXCHANGE and EVENTS_QUEUE_PREFIX of the test's own. */
  readonly env: Record<string, string>;
  /** Drops the database, deletes the exchange and the consumer queues. */
  destroy(): Promise<void>;
}

/**
 * A database (named after `name`) and an exchange of a test's own, as the environment of a
 * service process with a store and the bus; `queues` names the service's consumer queues, for
 * `destroy()` to delete.
 */
export async function createStoreAndBusEnv(
  name: string,
  queues: readonly string[] = [],
): Promise<StoreAndBusEnv> {
  const database = await createTestDatabase(name);
  const exchange = uniqueExchange();
  const queuePrefix = `${exchange}.`;
  return {
    env: {
      DATABASE_URL: database.url,
      AMQP_URL: TEST_AMQP_URL,
      EVENTS_EXCHANGE: exchange,
      EVENTS_QUEUE_PREFIX: queuePrefix,
    },
    async destroy() {
      await database.drop();
      await deleteTestBrokerObjects({ exchange, queues: queues.map((q) => queuePrefix + q) });
    },
  };
}
