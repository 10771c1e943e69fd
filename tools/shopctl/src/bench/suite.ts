import { checkShopInvariants } from '../invariants/stores';
import { startIsolatedStack, type IsolatedStack } from '../runner/isolated';
import {
  BENCH_ENV,
  otelSettings,
  prepare,
  processPorts,
  withProgress,
} from '../commands/bench-saga';
import { runBaseline } from './baseline';
import { cpuMsPer, sampleCpu, sampleRssMb } from './cpu';
import { runEdge, type EdgeResult } from './edge';
import { runLoad } from './load';
import { backendsOf } from './pg-backends';
import { machineInfo } from './machine';
import type { BenchReport, SagaFigures } from './report';
import { summarize } from './stats';

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
}

/** Idle RSS is read this long after the stack is ready, before any load. */
const IDLE_SETTLE_MS = 3000;

/** Every part of `make bench` in turn: an isolated stack per saga mode, then the baseline. */
export async function runSuite(s: SuiteSettings, out: NodeJS.WritableStream): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const machine = await machineInfo(s.postgresUrl, s.amqpUrl);
  const saga: SagaFigures[] = [];
  let edge: EdgeResult | undefined;
  let idleRssMb: Record<string, number> = {};
  for (const mode of s.modes) {
    out.write(`bench: starting an isolated stack (SAGA_MODE=${mode})\n`);
    const isolated = await startIsolatedStack({
      name: 'bench',
      postgresUrl: s.postgresUrl,
      amqpUrl: s.amqpUrl,
      env: { ...BENCH_ENV, ...otelSettings(process.env), SAGA_MODE: mode },
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
        { ...s, durationS: s.sagaS, mode, pollMs: 25, databasePrefix: '' },
        process.env,
      );
      if (!edge) {
        out.write(`bench: product read by id, ${s.edgeS} s each: raw, direct, gateway\n`);
        edge = await runEdge({
          productUrl: isolated.stack.url('product'),
          gatewayUrl: isolated.gatewayUrl,
          productId: productIds[0]!,
          connections: s.connections,
          durationMs: s.edgeS * 1000,
        });
      }
      out.write(`bench: checkout ${mode}, ${s.customers} customers, ${s.sagaS} s\n`);
      saga.push(await runSaga(isolated, mode, customers, productIds, s, out));
    } finally {
      await isolated.destroy();
    }
  }
  out.write(`bench: single-process baseline, ${s.customers} customers, ${s.baselineS} s\n`);
  const base = await runBaseline({
    postgresUrl: s.postgresUrl,
    customers: s.customers,
    durationMs: s.baselineS * 1000,
    products: s.products,
  });
  return {
    startedAt,
    machine,
    edge: {
      raw: edge!.raw.perSecond,
      direct: edge!.direct.perSecond,
      gateway: edge!.gateway.perSecond,
    },
    saga,
    baseline: {
      ordersPerSecond: base.load.perSecond,
      latency: base.load.latency,
      cpuMsPerOrder: base.cpuMsPerOrder,
      failedRequests: base.load.errors,
    },
    idleRssMb,
  };
}

async function runSaga(
  isolated: IsolatedStack,
  mode: string,
  customers: Awaited<ReturnType<typeof prepare>>['customers'],
  productIds: string[],
  s: SuiteSettings,
  out: NodeJS.WritableStream,
): Promise<SagaFigures> {
  const ports = processPorts(isolated);
  const backends = backendsOf(isolated.postgresUrl, isolated.databasePrefix);
  const before = await sampleCpu(ports, backends);
  const load = runLoad({
    customers,
    productIds,
    durationMs: s.sagaS * 1000,
    pollMs: 25,
    orderTimeoutMs: 30_000,
  });
  const result = await withProgress(load.counters, load.done, out);
  const cpu = cpuMsPer(before, await sampleCpu(ports, backends), result.counters.confirmed);
  const invariants = await checkShopInvariants({
    postgresUrl: isolated.postgresUrl,
    databasePrefix: isolated.databasePrefix,
    waitMs: 30_000,
  });
  return {
    mode,
    customers: s.customers,
    durationS: s.sagaS,
    confirmed: result.counters.confirmed,
    ordersPerSecond: result.counters.confirmed / s.sagaS,
    failedRequests: result.counters.failedRequests,
    stuck: result.counters.stuck,
    latency: summarize(result.latencies),
    cpuMsPerOrder: cpu,
    invariantsHold: invariants.ok,
  };
}
