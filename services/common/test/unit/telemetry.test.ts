import { Writable } from 'node:stream';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import {
  contextFromHeaders,
  createLogger,
  currentContext,
  detached,
  runWithContext,
} from '../../src';
import { KickLoop } from '../../src/events/kick-loop';
import { otelTracing } from '../../src/telemetry/otel-tracing';
import { installTracing, tracing, type TracedMessage } from '../../src/telemetry/tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const exporter = new InMemorySpanExporter();
const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
  instrumentations: [],
  metricReaders: [],
  logRecordProcessors: [],
  autoDetectResources: false,
});

function message(traceparent?: string): TracedMessage {
  return {
    system: 'rabbitmq',
    destination: 'shop.events',
    id: '6f1c1f0e-4d43-4a43-9d87-4d7c83e1b111',
    type: 'order.placed',
    correlationId: 'order-1',
    ...(traceparent ? { traceparent } : {}),
  };
}

beforeAll(() => {
  sdk.start();
  installTracing(otelTracing(() => sdk.shutdown()));
});
afterEach(() => exporter.reset());
afterAll(() => tracing().shutdown());

describe('publishing an event', () => {
  test('is a PRODUCER span continuing the event’s trace, and the message carries that span', async () => {
    let carried: string | undefined;
    await tracing().produce(message(PARENT), async (traceparent) => {
      carried = traceparent;
    });

    const [span] = exporter.getFinishedSpans();
    expect(span!.kind).toBe(SpanKind.PRODUCER);
    expect(span!.name).toBe('publish order.placed');
    expect(span!.spanContext().traceId).toBe(TRACE_ID);
    expect(span!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(carried).toBe(`00-${TRACE_ID}-${span!.spanContext().spanId}-01`);
    expect(span!.attributes).toMatchObject({
      'messaging.system': 'rabbitmq',
      'messaging.operation.type': 'send',
      'messaging.destination.name': 'shop.events',
      'messaging.rabbitmq.destination.routing_key': 'order.placed',
      'messaging.message.id': message().id,
      'messaging.message.conversation_id': 'order-1',
    });
  });

  test('that failed ends its span as an error', async () => {
    const refused = tracing().produce(message(PARENT), () => Promise.reject(new Error('nack')));
    await expect(refused).rejects.toThrow('nack');
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Error: nack' });
  });
});

describe('publishing a batch in one request (Kafka)', () => {
  const OTHER = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
  const kafka = (traceparent: string, key: string): TracedMessage => ({
    ...message(traceparent),
    system: 'kafka',
    destination: 'shop.order-events',
    key,
  });

  test('is one PRODUCER span per record, each in its own trace, each record carrying its span', async () => {
    let carried: readonly (string | undefined)[] = [];
    await tracing().produceBatch(
      [kafka(PARENT, 'order-1'), kafka(OTHER, 'order-2')],
      async (tps) => {
        carried = tps;
      },
    );

    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.kind)).toEqual([SpanKind.PRODUCER, SpanKind.PRODUCER]);
    expect(spans.map((s) => s.spanContext().traceId)).toEqual([TRACE_ID, 'a'.repeat(32)]);
    expect(carried).toEqual(
      spans.map((s) => `00-${s.spanContext().traceId}-${s.spanContext().spanId}-01`),
    );
    expect(spans[1]!.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'shop.order-events',
      'messaging.kafka.message.key': 'order-2',
    });
    expect(spans[1]!.attributes).not.toHaveProperty('messaging.rabbitmq.destination.routing_key');
  });

  test('that failed ends every span of the batch as an error', async () => {
    const batch = [kafka(PARENT, 'order-1'), kafka(OTHER, 'order-2')];
    const refused = tracing().produceBatch(batch, () => Promise.reject(new Error('not leader')));
    await expect(refused).rejects.toThrow('not leader');
    expect(exporter.getFinishedSpans().map((s) => s.status.code)).toEqual([
      SpanStatusCode.ERROR,
      SpanStatusCode.ERROR,
    ]);
  });
});

describe('consuming an event', () => {
  test('is a CONSUMER span child of the message’s traceparent; the handler runs inside it', async () => {
    let inside: string | undefined;
    await tracing().consume(message(PARENT), async () => {
      inside = tracing().traceparent();
    });

    const [span] = exporter.getFinishedSpans();
    expect(span!.kind).toBe(SpanKind.CONSUMER);
    expect(span!.name).toBe('process order.placed');
    expect(span!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span!.attributes).toMatchObject({ 'messaging.operation.type': 'process' });
    expect(inside).toBe(`00-${TRACE_ID}-${span!.spanContext().spanId}-01`);
  });

  test('without a traceparent starts a trace of its own', async () => {
    await tracing().consume(message(), async () => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span!.parentSpanContext).toBeUndefined();
    expect(span!.spanContext().traceId).not.toBe(TRACE_ID);
  });

  test('with a malformed traceparent starts a trace of its own', async () => {
    await tracing().consume(message('00-not-a-trace-01'), async () => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span!.parentSpanContext).toBeUndefined();
  });
});

describe('with tracing on', () => {
  test('every log line inside a span names its trace_id and span_id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const log = createLogger('test', 'info', sink);
    const ctx = contextFromHeaders({ 'x-request-id': 'req-7' });
    await runWithContext(ctx, () =>
      tracing().consume(message(PARENT), async () => log.info('handled')),
    );

    const [span] = exporter.getFinishedSpans();
    expect(lines[0]).toMatchObject({
      msg: 'handled',
      requestId: 'req-7',
      trace_id: TRACE_ID,
      span_id: span!.spanContext().spanId,
    });
  });

  test('outbound calls forward only the request id: the instrumentations inject the trace', () => {
    const ctx = contextFromHeaders({ 'x-request-id': 'req-8', traceparent: PARENT });
    expect(ctx.propagation).toEqual({ 'x-request-id': 'req-8' });
    expect(ctx.traceId).toBe(TRACE_ID);
  });
});

describe('background work a request started', () => {
  const inRequestSpan = <T>(fn: () => Promise<T>) =>
    runWithContext(contextFromHeaders({ 'x-request-id': 'req-9' }), () =>
      tracing().consume(message(PARENT), fn),
    );

  test('runs detached in no trace and no request', async () => {
    const seen = await inRequestSpan(async () =>
      detached(() => [tracing().traceparent(), currentContext()]),
    );
    expect(seen).toEqual([undefined, undefined]);
  });

  test('a kick loop kicked inside a span polls its later rounds outside it', async () => {
    const rounds: Array<string | undefined> = [];
    let loop: KickLoop | undefined;
    const polled = new Promise<void>((resolve) => {
      loop = new KickLoop(
        async () => {
          rounds.push(tracing().traceparent()?.split('-')[1]);
          if (rounds.length === 3) resolve();
        },
        { pollMs: 5 },
      );
    });
    await inRequestSpan(async () => loop!.start());
    await polled;
    await loop!.stop();
    // The kicked round is the request's; the polls after it belong to no trace.
    expect(rounds).toEqual([TRACE_ID, undefined, undefined]);
  });
});
