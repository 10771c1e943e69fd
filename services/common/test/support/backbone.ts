import type { Pool } from '../../src/db';
import { EventBackbone, type EventBackboneOptions } from '../../src/events/backbone';
import type { EventEnvelope } from '../../src/events/envelope';
import { TEST_AMQP_URL } from './infra';
import { waitFor } from './poll';

export type TestBackboneOptions = Omit<EventBackboneOptions, 'amqpUrl'> & {
  /** @default TEST_AMQP_URL (a TcpProxy's URL to take the broker away) */
  readonly amqpUrl?: string;
};

/**
 * A service's backbone on a test's own exchange: its queues are prefixed `<exchange>.` (what
 * deleteTestBrokerObjects then deletes) and a failed message is retried after 50 ms.
 */
export function testEventBackbone({
  amqpUrl = TEST_AMQP_URL,
  ...options
}: TestBackboneOptions): EventBackbone {
  return new EventBackbone({
    retryDelayMs: 50,
    queuePrefix: `${options.exchange}.`,
    ...options,
    amqpUrl,
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
