import { waitFor } from '@shop/common/testing';

/** One span of a trace as Jaeger's query API returns it, flattened. */
export interface TraceSpan {
  readonly service: string;
  readonly name: string;
  readonly spanId: string;
  readonly parentId?: string;
  /** `server`, `client`, `producer`, `consumer`, or `internal`. */
  readonly kind: string;
  readonly tags: Readonly<Record<string, unknown>>;
}

interface JaegerTrace {
  spans: Array<{
    spanID: string;
    operationName: string;
    processID: string;
    references?: Array<{ refType: string; spanID: string }>;
    tags?: Array<{ key: string; value: unknown }>;
  }>;
  processes: Record<string, { serviceName: string }>;
}

/** The spans Jaeger holds for `traceId` (`GET /api/traces/<id>`); none while it has none. */
export async function readTrace(queryUrl: string, traceId: string): Promise<TraceSpan[]> {
  const res = await fetch(`${queryUrl}/api/traces/${traceId}`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`jaeger answered ${res.status} for trace ${traceId}`);
  const body = (await res.json()) as { data?: JaegerTrace[] };
  return (body.data ?? []).flatMap((trace) =>
    trace.spans.map((span) => {
      const tags = Object.fromEntries((span.tags ?? []).map((t) => [t.key, t.value]));
      const parent = span.references?.find((r) => r.refType === 'CHILD_OF');
      return {
        service: trace.processes[span.processID]?.serviceName ?? '?',
        name: span.operationName,
        spanId: span.spanID,
        ...(parent ? { parentId: parent.spanID } : {}),
        kind: typeof tags['span.kind'] === 'string' ? tags['span.kind'] : 'internal',
        tags,
      };
    }),
  );
}

/** Polls Jaeger until the trace satisfies `complete` (spans arrive in batches), or fails. */
export async function waitForTrace(
  queryUrl: string,
  traceId: string,
  complete: (spans: readonly TraceSpan[]) => boolean,
  timeoutMs = 20_000,
): Promise<TraceSpan[]> {
  let spans: TraceSpan[] = [];
  await waitFor(
    async () => {
      spans = await readTrace(queryUrl, traceId);
      return complete(spans);
    },
    { timeoutMs, intervalMs: 250, what: `trace ${traceId} to be complete in Jaeger` },
  ).catch(() => undefined);
  return spans;
}
