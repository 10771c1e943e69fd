import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { currentContext } from '../context';
import { tracing } from '../telemetry/tracing';
import { contracts, type EventData, type EventType } from './contracts';

/** The envelope of every event and command on the bus (DESIGN.md "Events"). */
export interface EventEnvelope<T extends EventType = EventType> {
  readonly id: string;
  readonly type: T;
  readonly source: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly traceparent?: string;
  readonly data: EventData<T>;
}

const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  source: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
  traceparent: z.string().optional(),
  data: z.unknown(),
});

/** Thrown when an event does not match its contract; such a message is never retried. */
export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

export interface EventOptions {
  readonly source: string;
  readonly correlationId: string;
  /** The id of the event or command that caused this one. */
  readonly causationId?: string;
}

/** Builds a validated event; the trace context of the current span (or request) rides along. */
export function createEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  options: EventOptions,
): EventEnvelope<T> {
  const traceparent = tracing().traceparent() ?? currentContext()?.propagation.traceparent;
  return parseEvent({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    ...options,
    ...(traceparent ? { traceparent } : {}),
    data,
  }) as EventEnvelope<T>;
}

/** Validates an envelope and its data against the contract of its type. */
export function parseEvent(input: unknown): EventEnvelope {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) throw new ContractError(`bad envelope: ${envelope.error.message}`);
  const type = envelope.data.type;
  if (!(type in contracts)) throw new ContractError(`unknown event type ${type}`);
  const data = contracts[type as EventType].safeParse(envelope.data.data);
  if (!data.success) throw new ContractError(`bad ${type} data: ${data.error.message}`);
  return { ...envelope.data, type, data: data.data } as EventEnvelope;
}
