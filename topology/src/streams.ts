import type { ServiceName } from './services';

/**
 * The replayable log of the order events (DESIGN.md, Events: `EVENT_STREAM` picks a RabbitMQ
 * stream queue or the Kafka topic `shop.order-events`): who appends to it (through the outbox
 * relay) and who reads it as a consumer group. With `EVENT_STREAM=kafka` these services, and no
 * others, reach the broker.
 */
export interface EventLog {
  readonly writers: readonly ServiceName[];
  readonly readers: readonly ServiceName[];
}

export const orderEventLog: EventLog = { writers: ['order'], readers: ['analytics'] };

/** Whether `service` writes or reads the order log. */
export function usesOrderEventLog(service: ServiceName): boolean {
  return [...orderEventLog.writers, ...orderEventLog.readers].includes(service);
}
