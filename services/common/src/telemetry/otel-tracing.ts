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
  const inSpan = async <T>(span: Span, ctx: Context, work: () => Promise<T>): Promise<T> => {
    try {
      return await context.with(trace.setSpan(ctx, span), work);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
      throw err;
    } finally {
      span.end();
    }
  };
  return {
    enabled: true,
    traceparent: () => traceparentOf(context.active()),
    activeIds() {
      const span = trace.getActiveSpan()?.spanContext();
      return span && { trace_id: span.traceId, span_id: span.spanId };
    },
    produce(message, send) {
      const parent = parentOf(message.traceparent);
      const span = tracer.startSpan(
        `publish ${message.type}`,
        { kind: SpanKind.PRODUCER, attributes: messagingAttributes(message, 'send', 'publish') },
        parent,
      );
      const own = traceparentOf(trace.setSpan(parent, span)) ?? message.traceparent;
      return inSpan(span, parent, () => send(own));
    },
    consume(message, handle) {
      const parent = parentOf(message.traceparent);
      const span = tracer.startSpan(
        `process ${message.type}`,
        { kind: SpanKind.CONSUMER, attributes: messagingAttributes(message, 'process', 'process') },
        parent,
      );
      return inSpan(span, parent, handle);
    },
    shutdown,
  };
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
    'shop.event.type': message.type,
  };
}
