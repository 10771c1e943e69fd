import { tracing } from '../telemetry/tracing';
import type { Broker } from './broker';
import { parseEvent, type EventEnvelope } from './envelope';

/** The broker could not route a message to any queue (basic.return): an error, not a drop. */
export class UnroutableError extends Error {
  constructor(
    readonly eventId: string,
    readonly routingKey: string,
  ) {
    super(`event ${eventId} (${routingKey}) matched no queue`);
    this.name = 'UnroutableError';
  }
}

/** The longest a publish waits for the broker's confirms. */
export const CONFIRM_TIMEOUT_MS = 10_000;

/**
 * Publishes a batch persistently with `mandatory`, then waits for every confirm. Resolves
 * only when the broker has taken responsibility for each message; a nack, a return
 * (unroutable), a closed channel or a missing confirm rejects. Each message is a PRODUCER span
 * continuing its event's trace (the request or message that wrote it, however long ago), and
 * carries that span as its traceparent.
 */
export async function publishEvents(
  broker: Broker,
  events: readonly EventEnvelope[],
): Promise<void> {
  if (events.length === 0) return; // e.g. every event goes to the log alone (forExchange)
  const { channel, returned } = broker.publishChannel();
  const confirms = events.map((event) => {
    parseEvent(event);
    const message = { system: 'rabbitmq', destination: broker.exchange, ...event } as const;
    return tracing().produce(message, (traceparent) => {
      const sent = traceparent ? { ...event, traceparent } : event;
      return new Promise<void>((resolve, reject) => {
        channel.publish(
          broker.exchange,
          event.type,
          Buffer.from(JSON.stringify(sent)),
          messageProperties(sent),
          (err) => {
            if (err) return reject(err instanceof Error ? err : new Error(String(err)));
            if (returned.delete(event.id)) return reject(new UnroutableError(event.id, event.type));
            resolve();
          },
        );
      });
    });
  });
  await withDeadline(Promise.all(confirms), CONFIRM_TIMEOUT_MS);
}

function messageProperties(event: EventEnvelope) {
  return {
    persistent: true,
    mandatory: true,
    messageId: event.id,
    type: event.type,
    appId: event.source,
    correlationId: event.correlationId,
    contentType: 'application/json',
    timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
    headers: event.traceparent ? { traceparent: event.traceparent } : {},
  };
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no publisher confirm within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
