import { startIsolatedStack } from '../runner/isolated';
import { BENCH_ENV, otelSettings, prepare, processPorts } from '../commands/bench-saga';
import { runBaseline } from './baseline';
import { sampleRssMb } from './cpu';
import { runEdge, type EdgeResult } from './edge';
import { machineInfo } from './machine';
import type { BenchReport, SagaFigures } from './report';
import { runSaga } from './saga-run';
import { runStreams, type StreamsSettings } from './streams';
import { withTracing } from './tracing';

/** How long each part of `make bench` runs, and with how many clients. */
export interface SuiteSettings {
  readonly modes: readonly string[];
  readonly customers: number;
  readonly sagaS: number;
  readonly edgeS: number;
  readonly baselineS: number;
  readonly connections: number;
  readonly products: number;
  readonly postgresUrl: string;
  readonly amqpUrl: string;
  /** Checkout in the first mode once more, every service exporting spans to a local Jaeger. */
  readonly tracing: boolean;
  /** Order events into and out of Kafka and the RabbitMQ stream queue; none: skipped. */
  readonly streams?: StreamsSettings;
}

/** Idle RSS is read this long after the stack is ready, before any load. */
const IDLE_SETTLE_MS = 3000;

/** One checkout run: a saga mode on an isolated stack of its own, traced or not. */
interface CheckoutRun {
  readonly mode: string;
  readonly traced: boolean;
}

/**
 * Every part of `make bench` in turn: an isolated stack per saga mode (the first also measures
 * idle RSS and the edge; with tracing, the first mode again right after it, traced), the
 * single-process baseline, then the two event logs.
 */
export async function runSuite(s: SuiteSettings, out: NodeJS.WritableStream): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const machine = await machineInfo(s.postgresUrl, s.amqpUrl);
  const runs: CheckoutRun[] = s.modes.map((mode) => ({ mode, traced: false }));
  if (s.tracing) runs.splice(1, 0, { mode: s.modes[0]!, traced: true });
  const saga: SagaFigures[] = [];
  let traced: SagaFigures | undefined;
  let edge: EdgeResult | undefined;
  let idleRssMb: Record<string, number> = {};
  for (const run of runs) {
    const label = `SAGA_MODE=${run.mode}${run.traced ? ', traced to Jaeger' : ''}`;
    out.write(`bench: starting an isolated stack (${label})\n`);
    const figures = await withTracing(run.traced, out, async (tracing) => {
      const isolated = await startIsolatedStack({
        name: 'bench',
        postgresUrl: s.postgresUrl,
        amqpUrl: s.amqpUrl,
        env: { ...BENCH_ENV, ...otelSettings(process.env), ...tracing.env, SAGA_MODE: run.mode },
      });
      try {
        const ports = processPorts(isolated);
        if (!edge) {
          await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
          ports.delete('rabbitmq');
          ports.delete('postgresql');
          idleRssMb = await sampleRssMb(ports);
        }
        const { customers, productIds } = await prepare(
          isolated.gatewayUrl,
          { ...s, durationS: s.sagaS, mode: run.mode, pollMs: 25, databasePrefix: '' },
          process.env,
        );
        if (!edge) {
          out.write(
            `bench: product read by id, ${s.edgeS} s each: raw, direct, raw proxy, gateway\n`,
          );
          edge = await runEdge({
            productUrl: isolated.stack.url('product'),
            gatewayUrl: isolated.gatewayUrl,
            productId: productIds[0]!,
            connections: s.connections,
            durationMs: s.edgeS * 1000,
          });
        }
        out.write(`bench: checkout ${label}, ${s.customers} customers, ${s.sagaS} s\n`);
        return await runSaga(isolated, { mode: run.mode, customers, productIds }, s, out, {
          extraPorts: tracing.ports,
        });
      } finally {
        await isolated.destroy();
      }
    });
    if (run.traced) traced = figures;
    else saga.push(figures);
  }
  out.write(`bench: single-process baseline, ${s.customers} customers, ${s.baselineS} s\n`);
  const base = await runBaseline({
    postgresUrl: s.postgresUrl,
    customers: s.customers,
    durationMs: s.baselineS * 1000,
    products: s.products,
  });
  const streams = s.streams && (await runStreams(s.streams, out));
  return {
    startedAt,
    machine,
    edge: {
      raw: edge!.raw.perSecond,
      direct: edge!.direct.perSecond,
      rawProxy: edge!.rawProxy.perSecond,
      gateway: edge!.gateway.perSecond,
    },
    saga,
    ...(traced ? { traced } : {}),
    baseline: {
      ordersPerSecond: base.load.perSecond,
      latency: base.load.latency,
      cpuMsPerOrder: base.cpuMsPerOrder,
      failedRequests: base.load.errors,
    },
    idleRssMb,
    ...(streams ? { streams } : {}),
  };
}
