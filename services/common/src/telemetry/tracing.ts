/**
 * What the kit asks of tracing, with no OpenTelemetry import: when tracing is off (the default)
 * these no-ops are all that is loaded. `register.ts` installs the OpenTelemetry implementation
 * (`otel-tracing.ts`) before the service's modules load.
 */
export interface Tracing {
  readonly enabled: boolean;
  /** The W3C `traceparent` of the active span, if one is. */
  traceparent(): string | undefined;
  /** `trace_id` and `span_id` of the active span, for log lines. */
  activeIds(): { readonly trace_id: string; readonly span_id: string } | undefined;
  /**
   * Runs `send` in a PRODUCER span continuing `message.traceparent`; `send` gets the span's own
   * traceparent to put on the message. The span ends when `send` settles.
   */
  produce<T>(message: TracedMessage, send: (traceparent?: string) => Promise<T>): Promise<T>;
  /**
   * One PRODUCER span per message for a batch sent in one call (a Kafka produce request);
   * `send` gets each span's traceparent, in order. The spans end when `send` settles.
   */
  produceBatch<T>(
    messages: readonly TracedMessage[],
    send: (traceparents: readonly (string | undefined)[]) => Promise<T>,
  ): Promise<T>;
  /** Runs `handle` in a CONSUMER span continuing `message.traceparent`. */
  consume<T>(message: TracedMessage, handle: () => Promise<T>): Promise<T>;
  /** Runs `fn` outside any span: what it starts (timers included) belongs to no trace. */
  detached<T>(fn: () => T): T;
  /** Exports what is buffered (on shutdown). */
  shutdown(): Promise<void>;
}

/** The messaging attributes of one event on the bus. */
export interface TracedMessage {
  readonly system: 'rabbitmq' | 'kafka';
  /** The exchange or topic published to; the queue or consumer group consumed from. */
  readonly destination: string;
  readonly id: string;
  readonly type: string;
  readonly correlationId: string;
  readonly traceparent?: string;
  /** Kafka's record key (the partition key). */
  readonly key?: string;
}

const off: Tracing = {
  enabled: false,
  traceparent: () => undefined,
  activeIds: () => undefined,
  produce: (message, send) => send(message.traceparent),
  produceBatch: (messages, send) => send(messages.map((message) => message.traceparent)),
  consume: (_message, handle) => handle(),
  detached: (fn) => fn(),
  shutdown: () => Promise.resolve(),
};

// Process-wide like OpenTelemetry's own API: instrumentation patches modules as they load,
// before any wiring exists to hand a tracer to.
let current: Tracing = off;

/** The process's tracing: OpenTelemetry when configured, else no-ops. */
export function tracing(): Tracing {
  return current;
}

export function installTracing(implementation: Tracing): void {
  current = implementation;
}
