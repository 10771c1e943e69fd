import { z } from 'zod';
import { booleanFlag } from '../config';

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
const PROPAGATORS = ['tracecontext', 'b3', 'b3multi'] as const;

/**
 * The standard `OTEL_*` variables the kit honours (the OpenTelemetry SDK environment
 * specification). Tracing is on when an OTLP endpoint is set and neither `OTEL_SDK_DISABLED`
 * nor `OTEL_TRACES_EXPORTER=none` turns it off.
 */
export const telemetrySchema = z.object({
  OTEL_SDK_DISABLED: booleanFlag.default(false),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none']).default('otlp'),
  /** Base URL of an OTLP/HTTP receiver, e.g. `http://127.0.0.1:4318`; `/v1/traces` is added. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The full traces URL; wins over the base endpoint. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .literal('http/protobuf', { error: 'only http/protobuf (OTLP over HTTP, port 4318)' })
    .default('http/protobuf'),
  /** @default the service's folder name (`services/<name>/dist/main.js`) */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS).default('parentbased_always_on'),
  /** The ratio of the `*traceidratio` samplers. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** Comma-separated; W3C Trace Context and B3 both by default (Envoy speaks B3). */
  OTEL_PROPAGATORS: z
    .string()
    .default('tracecontext,b3multi')
    .transform((list) => list.split(',').map((p) => p.trim()))
    .pipe(z.array(z.enum(PROPAGATORS)).min(1)),
});

export type TelemetryConfig = z.infer<typeof telemetrySchema>;

export type Sampler = (typeof SAMPLERS)[number];
export type Propagator = (typeof PROPAGATORS)[number];

/** What the SDK needs, or `undefined` when tracing is off. */
export interface TracingSettings {
  readonly serviceName: string;
  readonly tracesUrl: string;
  readonly sampler: Sampler;
  readonly ratio: number;
  readonly propagators: readonly Propagator[];
}

export function tracingSettings(
  config: TelemetryConfig,
  defaultServiceName: string,
): TracingSettings | undefined {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  const tracesUrl =
    config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (endpoint && `${endpoint}/v1/traces`);
  if (config.OTEL_SDK_DISABLED || config.OTEL_TRACES_EXPORTER === 'none' || !tracesUrl) {
    return undefined;
  }
  return {
    serviceName: config.OTEL_SERVICE_NAME ?? defaultServiceName,
    tracesUrl,
    sampler: config.OTEL_TRACES_SAMPLER,
    ratio: config.OTEL_TRACES_SAMPLER_ARG,
    propagators: config.OTEL_PROPAGATORS,
  };
}
