import { streamsSettings } from '../../src/commands/bench-streams';
import { suiteSettings } from '../../src/commands/bench';
import type { SagaFigures } from '../../src/bench/report';
import { summarize } from '../../src/bench/stats';
import { orderEvents } from '../../src/bench/stream-events';
import { streamsMarkdown, type StreamsFigures } from '../../src/bench/streams';
import { tracingLine, tracingMarkdown } from '../../src/bench/tracing-cost';

function saga(cpuMsPerOrder: Record<string, number>): SagaFigures {
  return {
    mode: 'orchestration',
    customers: 32,
    durationS: 30,
    confirmed: 900,
    ordersPerSecond: 30,
    failedRequests: 0,
    stuck: 0,
    latency: summarize([100, 200]),
    cpuMsPerOrder,
    invariantsHold: true,
  };
}

describe('what tracing costs', () => {
  const off = saga({ order: 6, gateway: 2, rabbitmq: 4, postgresql: 16, '(whole machine)': 50 });
  const on = saga({
    order: 9,
    gateway: 3,
    rabbitmq: 4,
    postgresql: 16,
    jaeger: 2,
    '(whole machine)': 60,
  });

  test('the service processes add up without RabbitMQ, PostgreSQL or Jaeger', () => {
    const md = tracingMarkdown(off, on).join('\n');
    expect(md).toContain('| the service processes | 8.0 | 12.0 | +4.0 |');
    expect(md).toContain('| jaeger (the collector) | - | 2.0 | - |');
    expect(md).toContain('| (whole machine) | 50.0 | 60.0 | +10.0 |');
    expect(md).toContain('service processes +4.0 ms per order (50 %)');
    expect(tracingLine(off, on)).toContain('services 8.0 off / 12.0 on, whole machine 50.0 off');
  });
});

describe('the event logs', () => {
  test('order events are valid envelopes, an order.created before its outcome', () => {
    const events = orderEvents(21);
    expect(events).toHaveLength(21);
    expect(events.slice(0, 2).map((e) => e.type)).toEqual(['order.created', 'order.confirmed']);
    expect(events[19]!.type).toBe('order.cancelled');
    expect(events[1]!.correlationId).toBe(events[0]!.correlationId);
  });

  test('both logs, both directions, in the table', () => {
    const phase = (perSecond: number) => ({
      events: 1000,
      seconds: 1000 / perSecond,
      perSecond,
      startupMs: 5,
      cpuMsPer1000: { broker: 40, client: 30, machine: 200 },
    });
    const f: StreamsFigures = {
      events: 1000,
      batch: 200,
      eventBytes: 640,
      kafka: { written: phase(7000), read: phase(18000) },
      rabbitmq: { written: phase(5000), read: phase(15000) },
    };
    const md = streamsMarkdown(f).join('\n');
    expect(md).toContain(
      '| Kafka `shop.order-events` | in | 7000 | 0.14 s | 5 ms | 40 | 30 | 200 |',
    );
    expect(md).toContain('| RabbitMQ stream `analytics.orders` | out | 15000 |');
  });

  test('BENCH_TRACING and BENCH_STREAMS are on or off; the event count a positive integer', () => {
    expect(suiteSettings({})).toMatchObject({ tracing: true, streams: { events: 20_000 } });
    expect(suiteSettings({ BENCH_TRACING: 'off', BENCH_STREAMS: 'off' })).toMatchObject({
      tracing: false,
      streams: undefined,
    });
    expect(suiteSettings({ BENCH_TRACING: 'yes' })).toBeUndefined();
    expect(streamsSettings({ BENCH_STREAM_EVENTS: '0' })).toBeUndefined();
    expect(streamsSettings({ KAFKA_BROKERS: 'a:1,b:2' })?.kafkaBrokers).toEqual(['a:1', 'b:2']);
  });
});
