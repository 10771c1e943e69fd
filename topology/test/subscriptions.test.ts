import {
  createLogger,
  EventBackbone,
  EventConsumer,
  ORDER_STREAM_EVENTS,
  type EventType,
  type Pool,
} from '@shop/common';
import { serviceSpec, topology, type ServiceName } from '@shop/topology';
import { Registry } from 'prom-client';
import { subscribeCatalog } from '../../services/analytics/src/events/subscriptions';
import { rabbitmqOrderFeed } from '../../services/analytics/src/stream/rabbitmq-feed';
import { subscribeInventory } from '../../services/inventory/src/events/subscriptions';
import { createInventoryMetrics } from '../../services/inventory/src/metrics';
import { subscribeNotifications } from '../../services/notification/src/events/subscriptions';
import { subscribeSaga } from '../../services/order/src/events/subscriptions';
import { UNCONSUMED_ON_THE_EXCHANGE } from '../../services/order/src/saga/messages';
import { subscribePayment } from '../../services/payment/src/events/subscriptions';
import { createPaymentMetrics } from '../../services/payment/src/metrics';
import { subscribeReadModel } from '../../services/product/src/query/subscriptions';

type SagaMode = 'orchestration' | 'choreography';

/**
 * Each service's own subscription wiring, run as its main.ts runs it, on a backbone that is
 * never started (no broker needed): subscriptions are registered, no handler is called. The
 * dependencies the handlers would use are never touched while subscribing.
 */
const unused = new Proxy(
  {},
  {
    get: (_, key) => {
      throw new Error(`touched ${String(key)} while subscribing`);
    },
  },
);
const pool = unused as Pool;
const log = createLogger('topology-test', 'silent');

function backbone(): EventBackbone {
  return new EventBackbone({
    amqpUrl: 'amqp://unused',
    exchange: 'unused',
    log,
    relay: () => unused as never,
  });
}

/** Extra subscriptions that do not go through the EventConsumer (a stream's keys). */
type Wiring = (mode: SagaMode) => readonly string[] | void;

const wiring: Record<ServiceName, Wiring> = {
  gateway: () => [],
  user: () => [],
  storefront: () => [],
  product: () => subscribeReadModel(backbone(), pool, new Registry()),
  order: () => subscribeSaga(backbone(), unused as never),
  payment: (sagaMode) =>
    subscribePayment({
      events: backbone(),
      pool,
      provider: unused as never,
      metrics: createPaymentMetrics(new Registry()),
      log,
      registry: new Registry(),
      sagaMode,
    }),
  inventory: (sagaMode) =>
    subscribeInventory({
      events: backbone(),
      pool,
      log,
      metrics: createInventoryMetrics(new Registry()),
      registry: new Registry(),
      sagaMode,
    }),
  notification: () => subscribeNotifications(backbone(), unused as never),
  analytics: () => {
    subscribeCatalog(backbone(), pool);
    const stream = rabbitmqOrderFeed(
      {
        stream: 'rabbitmq',
        broker: backbone().broker,
        kafkaBrokers: [],
        pool,
        log,
        registry: new Registry(),
        queuePrefix: '',
        maxBatch: 1,
        retryDelayMs: 1,
      },
      unused as never,
    );
    return stream['options'].routingKeys;
  },
};

/** The types `wire` subscribes consumers to, one by one (`subscribe`) or batched (`subscribeOnce`). */
function consumerSubscriptions<R>(wire: () => R): { types: string[]; result: R } {
  const spies = [
    jest.spyOn(EventConsumer.prototype, 'subscribe'),
    jest.spyOn(EventConsumer.prototype, 'subscribeOnce'),
  ];
  try {
    const result = wire();
    return { types: spies.flatMap((spy) => spy.mock.calls.map(([type]) => type)), result };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** The types `service` subscribes to in `mode` (the analytics stream's routing keys too). */
function subscriptionsOf(service: ServiceName, mode: SagaMode): string[] {
  const { types, result } = consumerSubscriptions(() => wiring[service](mode));
  return [...new Set([...types, ...(result ?? [])])].sort();
}

describe.each(topology.map((s) => [s.name] as const))('service %s', (name) => {
  const declared = [...serviceSpec(name).consumes].sort();

  test.each(['orchestration', 'choreography'] as const)(
    'subscribes in %s mode only to events the topology says it consumes',
    (mode) => {
      const undeclared = subscriptionsOf(name, mode).filter(
        (t) => !declared.includes(t as EventType),
      );
      expect(undeclared).toEqual([]);
    },
  );

  test('subscribes, over both saga modes, to every event the topology says it consumes', () => {
    const both = new Set([
      ...subscriptionsOf(name, 'orchestration'),
      ...subscriptionsOf(name, 'choreography'),
    ]);
    expect([...both].sort()).toEqual(declared);
  });
});

/** The types the services' queues take in `mode` (the analytics stream queue left out). */
function queueSubscriptions(mode: SagaMode): Set<string> {
  const { types } = consumerSubscriptions(() => {
    for (const service of topology) wiring[service.name](mode);
  });
  return new Set(types);
}

test.each(['orchestration', 'choreography'] as const)(
  'in %s mode the order events order keeps off the exchange (with Kafka) are those no queue takes',
  (mode) => {
    const taken = queueSubscriptions(mode);
    const untaken = ORDER_STREAM_EVENTS.filter((type) => !taken.has(type));
    expect(untaken).toEqual([...UNCONSUMED_ON_THE_EXCHANGE[mode]]);
  },
);
