import { EventBackbone, type EventBackboneOptions } from '../../src/events/backbone';
import { TEST_AMQP_URL } from './infra';

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
