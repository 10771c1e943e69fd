import { Counter, type Registry } from 'prom-client';
import type { Logger } from './logger';
import type { EventConsumer } from './events/consumer';
import type { EventType } from './events/contracts';
import { ContractError } from './events/envelope';

export type SagaMode = 'orchestration' | 'choreography';

export interface SagaModeMismatchDeps {
  /** This service's SAGA_MODE. */
  readonly mode: SagaMode;
  readonly log: Logger;
  /** Where `saga_mode_mismatch_total` is counted. */
  readonly registry: Registry;
}

const counters = new WeakMap<Registry, Counter<'type'>>();

function mismatchCounter(registry: Registry): Counter<'type'> {
  let counter = counters.get(registry);
  if (!counter) {
    counter = new Counter({
      name: 'saga_mode_mismatch_total',
      help: 'Messages only the other SAGA_MODE sends, received and dead-lettered, by type',
      labelNames: ['type'] as const,
      registers: [registry],
    });
    counters.set(registry, counter);
  }
  return counter;
}

/**
 * Subscribes `consumer` to `types`, the messages only the other SAGA_MODE sends this service
 * (the orchestrator's commands, for a service in choreography). Each one is a sign that the
 * services disagree on SAGA_MODE, which would otherwise only show as orders timing out: it is
 * logged as an error, counted in `saga_mode_mismatch_total{type}` and dead-lettered at once.
 */
export function refuseOtherSagaMode(
  consumer: EventConsumer,
  types: readonly EventType[],
  { mode, log, registry }: SagaModeMismatchDeps,
): void {
  const mismatches = mismatchCounter(registry);
  for (const type of types) {
    consumer.subscribe(type, async (event) => {
      mismatches.inc({ type });
      const message = `SAGA_MODE mismatch: ${type} is sent only in the other saga mode, this service runs ${mode}; every service must read one SAGA_MODE`;
      log.error(
        { eventType: type, eventId: event.id, correlationId: event.correlationId },
        message,
      );
      throw new ContractError(message);
    });
  }
}
