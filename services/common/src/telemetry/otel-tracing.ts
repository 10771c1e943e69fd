import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { TracedMessage, Tracing } from './tracing';

/** The envelope's `traceparent` is W3C by contract, whatever `OTEL_PROPAGATORS` says. */
const w3c = new W3CTraceContextPropagator();
const carrier = {
  get: (c: Record<string, string>, key: string) => c[key],
  keys: (c: Record<string, string>) => Object.keys(c),
  set: (c: Record<string, string>, key: string, value: string) => {
    c[key] = value;
  },
};

/** The kit's tracing on OpenTelemetry's global tracer provider (registered by `sdk.ts`). */
export function otelTracing(shutdown: () => Promise<void>): Tracing {
  const tracer = trace.getTracer('@shop/common');
  const start = (message: TracedMessage, operation: 'send' | 'process') => {
    const parent = parentOf(message.traceparent);
    const name = operation === 'send' ? 'publish' : 'process';
    const span = tracer.startSpan(
      `${name} ${message.type}`,
      {
        kind: operation === 'send' ? SpanKind.PRODUCER : SpanKind.CONSUMER,
        attributes: messagingAttributes(message, operation, name),
      },
      parent,
    );
    return { span, context: trace.setSpan(parent, span) };
  };
  const produceBatch: Tracing['produceBatch'] = (messages, send) => {
    const started = messages.map((message) => start(message, 'send'));
    const carried = started.map((s, i) => traceparentOf(s.context) ?? messages[i]!.traceparent);
    // One message: the send runs inside its span, so the client library's spans are its children.
    const ctx = started.length === 1 ? started[0]!.context : context.active();
    return inSpans(
      started.map((s) => s.span),
      ctx,
      () => send(carried),
    );
  };
  return {
    enabled: true,
    traceparent: () => traceparentOf(context.active()),
    activeIds() {
      const span = trace.getActiveSpan()?.spanContext();
      return span && { trace_id: span.traceId, span_id: span.spanId };
    },
    produce: (message, send) => produceBatch([message], ([traceparent]) => send(traceparent)),
    produceBatch,
    detached: (fn) => context.with(ROOT_CONTEXT, fn),
    consume(message, handle) {
      const { span, context: ctx } = start(message, 'process');
      return inSpans([span], ctx, handle);
    },
    shutdown,
  };
}

/** Runs `work` in `ctx`; the spans end when it settles, marked as errors when it failed. */
async function inSpans<T>(
  spans: readonly Span[],
  ctx: Context,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await context.with(ctx, work);
  } catch (err) {
    for (const span of spans) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
    }
    throw err;
  } finally {
    for (const span of spans) span.end();
  }
}

/** The context a message's traceparent names; the active one when it names none. */
function parentOf(traceparent: string | undefined): Context {
  if (!traceparent) return context.active();
  const extracted = w3c.extract(ROOT_CONTEXT, { traceparent }, carrier);
  return trace.getSpanContext(extracted) ? extracted : context.active();
}

function traceparentOf(ctx: Context): string | undefined {
  const headers: Record<string, string> = {};
  w3c.inject(ctx, headers, carrier);
  return headers.traceparent;
}

/** OpenTelemetry's messaging semantic conventions (v1.27+). */
function messagingAttributes(
  message: TracedMessage,
  operationType: 'send' | 'process',
  operationName: string,
): Attributes {
  return {
    'messaging.system': message.system,
    'messaging.operation.type': operationType,
    'messaging.operation.name': operationName,
    'messaging.destination.name': message.destination,
    'messaging.message.id': message.id,
    'messaging.message.conversation_id': message.correlationId,
    ...(message.system === 'rabbitmq' && {
      'messaging.rabbitmq.destination.routing_key': message.type,
    }),
    ...(message.key !== undefined && { 'messaging.kafka.message.key': message.key }),
    'shop.event.type': message.type,
  };
}
