import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { Propagator, TracingSettings } from './config';
import { otelTracing } from './otel-tracing';
import type { Tracing } from './tracing';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts OpenTelemetry's Node SDK: spans of HTTP in and out (node:http and fetch), Express
 * routes, PostgreSQL, MongoDB and gRPC, exported over OTLP/HTTP in batches. Called before the
 * service's modules load, so the instrumentations patch them as they are required.
 */
export function startSdk(settings: TracingSettings): Tracing {
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter({ url: settings.tracesUrl }),
    sampler: samplerOf(settings),
    textMapPropagator: new CompositePropagator({
      propagators: settings.propagators.map(propagatorOf),
    }),
    instrumentations: instrumentations(),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return otelTracing(() => sdk.shutdown());
}

/**
 * Database and outbound spans only inside a trace: the outbox relay's polls and the
 * readiness probes' queries would otherwise each start a trace of their own.
 */
function instrumentations() {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req) => QUIET_PATHS.has(req.url?.split('?')[0] ?? ''),
      requireParentforOutgoingSpans: true,
    }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
    // Route handlers only: a span per middleware or mounted router (each also holding a `close`
    // listener on the response) would bury the handlers among `router - /healthz` entries.
    new ExpressInstrumentation({
      ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
    }),
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    new MongoDBInstrumentation({ requireParentSpan: true }),
    new GrpcInstrumentation(),
  ];
}

function samplerOf({ sampler, ratio }: TracingSettings): Sampler {
  const root = sampler.endsWith('always_on')
    ? new AlwaysOnSampler()
    : sampler.endsWith('always_off')
      ? new AlwaysOffSampler()
      : new TraceIdRatioBasedSampler(ratio);
  return sampler.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

function propagatorOf(name: Propagator): TextMapPropagator {
  if (name === 'tracecontext') return new W3CTraceContextPropagator();
  const injectEncoding =
    name === 'b3' ? B3InjectEncoding.SINGLE_HEADER : B3InjectEncoding.MULTI_HEADER;
  return new B3Propagator({ injectEncoding });
}
