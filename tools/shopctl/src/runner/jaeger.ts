import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnProcess, waitReady } from './process';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Where a Jaeger v2 listens on loopback. */
export interface JaegerPorts {
  /** OTLP over HTTP (the services export here). @default 4318 */
  readonly otlpHttp: number;
  /** OTLP over gRPC. @default 4317 */
  readonly otlpGrpc: number;
  /** The UI and its query API (`/api/traces/<id>`, `/api/v3/traces/<id>`). @default 16686 */
  readonly query: number;
  /** The query API over gRPC. @default 16685 */
  readonly queryGrpc: number;
}

export const JAEGER_PORTS: JaegerPorts = {
  otlpHttp: 4318,
  otlpGrpc: 4317,
  query: 16686,
  queryGrpc: 16685,
};

/** A running Jaeger: where services send spans and where to read the traces. */
export interface Jaeger {
  /** The OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`). */
  readonly otlpEndpoint: string;
  readonly uiUrl: string;
  /** The query API on loopback (`/api/traces/<id>`). */
  readonly queryUrl: string;
  /** Another Jaeger already served these ports (a second demo); it is left running. */
  readonly reused: boolean;
  stop(): Promise<void>;
}

/**
 * Runs bin/jaeger (make jaeger builds it) on loopback with its in-memory store: OTLP in, the
 * query API and UI out. Traces live in memory, like the demo's session. The Go module ships no
 * built UI; `uiDir` (a jaeger-ui build: its index.html and static/) serves the real one.
 */
export async function startJaeger(
  ports: JaegerPorts = JAEGER_PORTS,
  out?: NodeJS.WritableStream,
  uiDir?: string,
): Promise<Jaeger> {
  if (uiDir && !existsSync(path.join(uiDir, 'index.html'))) {
    throw new Error(`JAEGER_UI_DIR=${uiDir} has no index.html (a jaeger-ui build's folder)`);
  }
  const otlpEndpoint = `http://127.0.0.1:${ports.otlpHttp}`;
  const uiUrl = `http://localhost:${ports.query}`;
  const queryUrl = `http://127.0.0.1:${ports.query}`;
  const ready = `${queryUrl}/api/services`;
  const running = await fetch(ready, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
  if (running?.status === 200) {
    return { otlpEndpoint, uiUrl, queryUrl, reused: true, stop: async () => undefined };
  }
  const bin = path.join(REPO_ROOT, 'bin', 'jaeger');
  if (!existsSync(bin)) throw new Error('bin/jaeger is missing: `make jaeger` builds it');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shop-jaeger-'));
  const config = path.join(dir, 'config.yaml');
  await writeFile(config, jaegerConfig(ports, uiDir && path.resolve(uiDir)));
  // Jaeger's own spans would go to 4317 (or into the traces it stores): none of them.
  const quiet = { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'none' };
  const proc = spawnProcess('jaeger', 7, bin, ['--config', config], quiet, out);
  try {
    await waitReady(proc, ready, 30_000);
  } catch (err) {
    proc.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    otlpEndpoint,
    uiUrl,
    queryUrl,
    reused: false,
    async stop() {
      proc.child.kill('SIGTERM');
      await proc.exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Jaeger v2's configuration (an OpenTelemetry Collector's): OTLP into memory, queried. */
function jaegerConfig(ports: JaegerPorts, uiDir?: string): string {
  const ui = uiDir ? `\n    ui:\n      assets_path: ${JSON.stringify(uiDir)}` : '';
  return `service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${ports.query}
    grpc:
      endpoint: 127.0.0.1:${ports.queryGrpc}${ui}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${ports.otlpGrpc}
      http:
        endpoint: 127.0.0.1:${ports.otlpHttp}
processors:
  batch:
    timeout: 200ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}
