import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { tracing } from './telemetry/tracing';

/** Per-request (or per-message) context: ids for logs and headers to propagate. */
export interface RequestContext {
  readonly requestId: string;
  readonly traceId: string;
  /** The caller's W3C traceparent, or one made here when it sent none. */
  readonly traceparent: string;
  /**
   * Headers forwarded on outbound calls so Istio/Jaeger can join the spans. With tracing on only
   * `x-request-id`: OpenTelemetry's instrumentations inject the current span's trace headers.
   */
  readonly propagation: Readonly<Record<string, string>>;
}

/** W3C trace context plus the B3 headers Envoy uses. */
const PROPAGATED_HEADERS = [
  'x-request-id',
  'traceparent',
  'tracestate',
  'x-b3-traceid',
  'x-b3-spanid',
  'x-b3-parentspanid',
  'x-b3-sampled',
  'x-b3-flags',
  'b3',
  'x-ot-span-context',
] as const;

const storage = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/**
 * Runs `fn` outside the caller's request and trace. For background work a request merely
 * started (a relay's next poll, a feed's interval): timers inherit the context they are set in,
 * so without this every later round would log the first caller's request id and land in its
 * trace, a span every 500 ms for as long as the process runs.
 */
export function detached<T>(fn: () => T): T {
  return tracing().detached(() => storage.exit(fn));
}

/** Builds a context from incoming headers, generating a request id and traceparent if absent. */
export function contextFromHeaders(
  headers: IncomingHttpHeaders | Record<string, unknown>,
): RequestContext {
  const propagation: Record<string, string> = {};
  for (const name of PROPAGATED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value.length > 0 && value.length <= 512) {
      propagation[name] = value;
    }
  }
  propagation['x-request-id'] ??= randomUUID();
  propagation.traceparent ??= newTraceparent(propagation['x-b3-traceid']);
  const requestId = propagation['x-request-id'];
  return {
    requestId,
    traceId: traceIdOf(propagation.traceparent) ?? propagation['x-b3-traceid'] ?? '',
    traceparent: propagation.traceparent,
    propagation: tracing().enabled ? { 'x-request-id': requestId } : propagation,
  };
}

function newTraceparent(b3TraceId?: string): string {
  const traceId = b3TraceId?.padStart(32, '0') ?? randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}

function traceIdOf(traceparent: string): string | undefined {
  return /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent)?.[1];
}
