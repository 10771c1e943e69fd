import { JAEGER_PORTS, startJaeger } from '../runner/jaeger';

/** What a traced checkout adds to its stack: the OTLP settings and Jaeger's port to sample. */
export interface TracingSetup {
  readonly env: Record<string, string>;
  readonly ports: ReadonlyMap<string, number>;
}

/**
 * Runs `body` with tracing off (no settings) or on: a local Jaeger (bin/jaeger, `make jaeger`)
 * on its usual ports, every service exporting every span to it over OTLP/HTTP (sampling 100 %,
 * the dev setting), and Jaeger's process in the CPU table; Jaeger stops afterwards.
 */
export async function withTracing<T>(
  on: boolean,
  out: NodeJS.WritableStream,
  body: (setup: TracingSetup) => Promise<T>,
): Promise<T> {
  if (!on) return body({ env: {}, ports: new Map() });
  const jaeger = await startJaeger(JAEGER_PORTS);
  if (jaeger.reused) out.write('bench: a Jaeger already runs on 4318; its CPU is counted too\n');
  try {
    return await body({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpEndpoint,
        OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      },
      ports: new Map([['jaeger', JAEGER_PORTS.otlpHttp]]),
    });
  } finally {
    await jaeger.stop();
  }
}
