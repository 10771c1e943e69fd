import { checkShopInvariants } from '../invariants/stores';
import type { IsolatedStack } from '../runner/isolated';
import { processPorts, withProgress, type prepare } from '../commands/bench-saga';
import { cpuMsPer, sampleCpu } from './cpu';
import { runLoad } from './load';
import { backendsOf } from './pg-backends';
import type { SagaFigures } from './report';
import { summarize } from './stats';

/** The customers and products `prepare` made on the stack. */
export type Prepared = Awaited<ReturnType<typeof prepare>> & { readonly mode: string };

/**
 * The checkout load on a prepared isolated stack for `sagaS` seconds: orders/s, latency, CPU
 * ms per confirmed order per process (the stack's processes, RabbitMQ, PostgreSQL and any
 * `extraPorts`, such as Jaeger), then the invariant checker over the stack's stores.
 */
export async function runSaga(
  isolated: IsolatedStack,
  prepared: Prepared,
  s: { readonly customers: number; readonly sagaS: number },
  out: NodeJS.WritableStream,
  options: { readonly extraPorts?: ReadonlyMap<string, number> } = {},
): Promise<SagaFigures> {
  const ports = new Map([...processPorts(isolated), ...(options.extraPorts ?? [])]);
  const backends = backendsOf(isolated.postgresUrl, isolated.databasePrefix);
  const before = await sampleCpu(ports, backends);
  const load = runLoad({
    customers: prepared.customers,
    productIds: prepared.productIds,
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
    mode: prepared.mode,
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
