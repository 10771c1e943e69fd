import type { Registry } from 'prom-client';
import type { Pool } from '../../src/db';
import { EventBackbone, outboxRelay, type EventBackboneOptions } from '../../src/events/backbone';
import type { EventEnvelope } from '../../src/events/envelope';
import { TEST_AMQP_URL } from './infra';
import { waitFor } from './poll';

export type TestBackboneOptions = Omit<EventBackboneOptions, 'amqpUrl' | 'relay'> & {
  /** @default TEST_AMQP_URL (a TcpProxy's URL to take the broker away) */
  readonly amqpUrl?: string;
  /** The database whose outbox the relay publishes. */
  readonly pool: Pool;
  /** Where the relay's pending-events gauge goes. */
  readonly registry?: Registry;
};

/**
 * A PostgreSQL service's backbone (its outbox relay) on a test's own exchange: its queues are
 * prefixed `<exchange>.` (what deleteTestBrokerObjects then deletes) and a failed message is
 * retried after 50 ms.
 */
export function testEventBackbone({
  amqpUrl = TEST_AMQP_URL,
  pool,
  registry,
  ...options
}: TestBackboneOptions): EventBackbone {
  return new EventBackbone({
    retryDelayMs: 50,
    queuePrefix: `${options.exchange}.`,
    ...options,
    amqpUrl,
    relay: outboxRelay({ pool, log: options.log, registry }),
  });
}

/**
 * Waits until the service on `pool` handled `event` (its id is in processed_events) and its
 * relay published every event that caused (the outbox is empty).
 */
export async function waitUntilSettled(
  pool: Pool,
  event: EventEnvelope,
  { timeoutMs = 5000 } = {},
): Promise<void> {
  const handled = async () =>
    (await pool.query('SELECT 1 FROM processed_events WHERE event_id = $1', [event.id]))
      .rowCount === 1;
  await waitFor(handled, { timeoutMs, what: `${event.type} handled` });
  const drained = async () => (await pool.query('SELECT 1 FROM outbox LIMIT 1')).rowCount === 0;
  await waitFor(drained, { timeoutMs, what: 'outbox drained' });
}
