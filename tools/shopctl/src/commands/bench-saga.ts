import path from 'node:path';
import { topology } from '@shop/topology';
import { cpuPerUnit, sampleCpu } from '../bench/cpu';
import { backendsOf } from '../bench/pg-backends';
import { runLoad, type LoadCounters, type LoadResult } from '../bench/load';
import { parseSettings, type BenchSettings } from '../bench/settings';
import { createProducts, login, signup, type BenchClient } from '../bench/shop-api';
import { formatLatency, summarize } from '../bench/stats';
import { checkShopInvariants } from '../invariants/stores';
import { formatReport } from '../invariants/report';
import { DEFAULT_STACK } from '../runner/env';
import { startIsolatedStack, type IsolatedStack } from '../runner/isolated';

const USAGE = `usage: shopctl bench-saga [--customers 32] [--duration 30] [--mode orchestration|choreography]
       [--products 20] [--poll-ms 25] [--url http://127.0.0.1:8080 --database-prefix shop_]
       [--profile DIR]   (a .cpuprofile per service, for Chrome DevTools)
Env: BENCH_CUSTOMERS, BENCH_DURATION_S, SAGA_MODE, BENCH_PRODUCTS, BENCH_POLL_MS, BENCH_URL.
Without --url it starts an isolated stack of every service and removes it after.`;

/** Variables of the stack the benchmark starts: quiet logs, no rate limit in the way. */
export const BENCH_ENV = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  SCRYPT_LOG_N: '14',
};

/** `make bench-saga`: N closed-loop customers order through the gateway for a fixed time. */
export async function benchSaga(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const settings = parseSettings(args, process.env);
  if (!settings) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  const env = process.env;
  const postgresUrl = env.DATABASE_ADMIN_URL ?? DEFAULT_STACK.postgresUrl;
  let isolated: IsolatedStack | undefined;
  if (!settings.url) {
    out.write(`bench-saga: starting an isolated stack (SAGA_MODE=${settings.mode})\n`);
    isolated = await startIsolatedStack({
      name: 'bench',
      postgresUrl,
      amqpUrl: env.AMQP_URL ?? DEFAULT_STACK.amqpUrl,
      // OTEL_* pass through: the cost of tracing is measured with the same run.
      env: { ...BENCH_ENV, ...otelSettings(env), SAGA_MODE: settings.mode },
      serviceEnv: settings.profileDir ? cpuProfiles(settings.profileDir) : undefined,
    });
  }
  try {
    const url = settings.url ?? isolated!.gatewayUrl;
    const databasePrefix = isolated?.databasePrefix ?? settings.databasePrefix;
    const { customers, productIds } = await prepare(url, settings, env);
    out.write(
      `bench-saga: ${settings.customers} customers, ${settings.durationS} s, ${productIds.length} products, mode ${settings.mode}\n`,
    );
    const ports = isolated ? processPorts(isolated) : new Map<string, number>();
    const backends = isolated && backendsOf(isolated.postgresUrl, databasePrefix);
    const cpuBefore = await sampleCpu(ports, backends);
    const load = runLoad({
      customers,
      productIds,
      durationMs: settings.durationS * 1000,
      pollMs: settings.pollMs,
      orderTimeoutMs: 30_000,
    });
    const result = await withProgress(load.counters, load.done, out);
    const cpu = cpuPerUnit(cpuBefore, await sampleCpu(ports, backends), result.counters.confirmed);
    printResult(result, settings, out);
    if (cpu.length > 0) out.write(`  CPU ms per confirmed order: ${cpu.join(' | ')}\n\n`);
    const report = await checkShopInvariants({
      postgresUrl,
      databasePrefix,
      waitMs: 30_000,
    });
    out.write(formatReport(report));
    if (settings.profileDir) out.write(`CPU profiles (written at stop): ${settings.profileDir}\n`);
    return report.ok && result.counters.stuck === 0 ? 0 : 1;
  } finally {
    await isolated?.destroy();
  }
}

/** The HTTP port of each service, RabbitMQ's and PostgreSQL's, to find their processes. */
export function processPorts(isolated: IsolatedStack): Map<string, number> {
  const ports = new Map<string, number>(
    isolated.stack.services.map((s) => [s.name, Number(new URL(isolated.stack.url(s.name)).port)]),
  );
  ports.set('rabbitmq', Number(new URL(isolated.stack.options.amqpUrl).port || 5672));
  ports.set('postgresql', Number(new URL(isolated.postgresUrl).port || 5432));
  return ports;
}

function cpuProfiles(dir: string): Record<string, Record<string, string>> {
  const profile = (name: string) => ({
    NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.join(dir, name)}`,
  });
  return Object.fromEntries(topology.map((s) => [s.name, profile(s.name)]));
}

export async function prepare(url: string, settings: BenchSettings, env: NodeJS.ProcessEnv) {
  const admin = await login(
    url,
    env.ADMIN_EMAIL ?? 'admin@shop.local',
    env.ADMIN_PASSWORD ?? 'shop-admin-local',
  );
  const stock = 1_000_000;
  const productIds = await createProducts(admin, settings.products, stock);
  const customers: BenchClient[] = [];
  for (let i = 0; i < settings.customers; i++) customers.push(await signup(url));
  return { customers, productIds };
}

export async function withProgress(
  counters: LoadCounters,
  done: Promise<LoadResult>,
  out: NodeJS.WritableStream,
): Promise<LoadResult> {
  const tty = Boolean((out as { isTTY?: boolean }).isTTY);
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
    if (tty || ticks % 5 === 0)
      out.write(`${tty ? '\r' : ''}${progressLine(counters)}${tty ? '' : '\n'}`);
  }, 1000);
  try {
    return await done;
  } finally {
    clearInterval(timer);
    if (tty) out.write('\n');
  }
}

function progressLine(c: LoadCounters): string {
  const elapsed = (Date.now() - c.startedAt) / 1000;
  const inFlight = c.placed - c.confirmed - c.cancelled - c.stuck;
  return `  ${elapsed.toFixed(0).padStart(3)} s  placed ${c.placed}  confirmed ${c.confirmed}  cancelled ${c.cancelled}  in flight ${inFlight}  ${(c.confirmed / elapsed).toFixed(0)}/s confirmed  errors ${c.failedRequests}   `;
}

function printResult(
  result: LoadResult,
  settings: BenchSettings,
  out: NodeJS.WritableStream,
): void {
  const { counters } = result;
  const seconds = settings.durationS;
  const lines = [
    '',
    `  mode                 ${settings.mode}`,
    `  customers            ${settings.customers}`,
    `  duration             ${seconds} s (+${(result.elapsedMs / 1000 - seconds).toFixed(1)} s to finish the last orders)`,
    `  orders placed        ${counters.placed}`,
    `  confirmed            ${counters.confirmed}  (${(counters.confirmed / seconds).toFixed(1)} orders/s)`,
    `  cancelled            ${counters.cancelled}`,
    `  not final in 30 s    ${counters.stuck}`,
    `  failed requests      ${counters.failedRequests}`,
    `  POST -> final        ${formatLatency(summarize(result.latencies))}`,
    `  POST -> 202          ${formatLatency(summarize(result.postLatencies))}`,
    `  status polls         ${counters.polls} (${(counters.polls / Math.max(1, counters.placed)).toFixed(1)} per order)`,
    ...result.errors.map((e) => `  error: ${e}`),
    ...(result.errors.some((e) => e.includes('got 429'))
      ? ['  hint: the gateway rate-limited the run: start it with RATE_LIMIT_PER_MINUTE=100000000']
      : []),
    '',
  ];
  out.write(lines.join('\n') + '\n');
}

export function otelSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[0].startsWith('OTEL_') && !!e[1]),
  );
}
