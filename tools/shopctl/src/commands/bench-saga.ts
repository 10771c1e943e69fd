import { parseArgs } from 'node:util';
import { runLoad, type LoadCounters, type LoadResult } from '../bench/load';
import { createProducts, login, signup, type BenchClient } from '../bench/shop-api';
import { formatLatency, summarize } from '../bench/stats';
import { checkShopInvariants } from '../invariants/stores';
import { formatReport } from '../invariants/report';
import { DEFAULT_STACK } from '../runner/env';
import { startIsolatedStack, type IsolatedStack } from '../runner/isolated';

const USAGE = `usage: shopctl bench-saga [--customers 32] [--duration 30] [--mode orchestration|choreography]
       [--products 20] [--poll-ms 25] [--url http://127.0.0.1:8080 --database-prefix shop_]
Env: BENCH_CUSTOMERS, BENCH_DURATION_S, SAGA_MODE, BENCH_PRODUCTS, BENCH_POLL_MS, BENCH_URL.
Without --url it starts an isolated stack of every implemented service and removes it after.`;

/** Variables of the stack the benchmark starts: quiet logs, no rate limit in the way. */
const BENCH_ENV = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  SCRYPT_LOG_N: '14',
};

interface BenchSettings {
  customers: number;
  durationS: number;
  mode: string;
  products: number;
  pollMs: number;
  url?: string;
  databasePrefix: string;
}

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
      env: { ...BENCH_ENV, SAGA_MODE: settings.mode },
    });
  }
  try {
    const url = settings.url ?? isolated!.gatewayUrl;
    const databasePrefix = isolated?.databasePrefix ?? settings.databasePrefix;
    const { customers, productIds, stock } = await prepare(url, settings, env);
    out.write(
      `bench-saga: ${settings.customers} customers, ${settings.durationS} s, ${productIds.length} products, mode ${settings.mode}\n`,
    );
    const load = runLoad({
      customers,
      productIds,
      durationMs: settings.durationS * 1000,
      pollMs: settings.pollMs,
      orderTimeoutMs: 30_000,
    });
    const result = await withProgress(load.counters, load.done, out);
    printResult(result, settings, out);
    // A shared stack's products may have been restocked: only the isolated one knows its stock.
    const madeAvailable = isolated ? new Map(productIds.map((id) => [id, stock])) : undefined;
    const report = await checkShopInvariants({
      postgresUrl,
      databasePrefix,
      madeAvailable,
      waitMs: 30_000,
    });
    out.write(formatReport(report));
    return report.ok && result.counters.stuck === 0 ? 0 : 1;
  } finally {
    await isolated?.destroy();
  }
}

async function prepare(url: string, settings: BenchSettings, env: NodeJS.ProcessEnv) {
  const admin = await login(
    url,
    env.ADMIN_EMAIL ?? 'admin@shop.local',
    env.ADMIN_PASSWORD ?? 'shop-admin-local',
  );
  const stock = 1_000_000;
  const productIds = await createProducts(admin, settings.products, stock);
  const customers: BenchClient[] = [];
  for (let i = 0; i < settings.customers; i++) customers.push(await signup(url));
  return { customers, productIds, stock };
}

async function withProgress(
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
    '',
  ];
  out.write(lines.join('\n') + '\n');
}

function parseSettings(args: string[], env: NodeJS.ProcessEnv): BenchSettings | undefined {
  const { values } = parseArgs({
    args,
    options: {
      customers: { type: 'string' },
      duration: { type: 'string' },
      mode: { type: 'string' },
      products: { type: 'string' },
      'poll-ms': { type: 'string' },
      url: { type: 'string' },
      'database-prefix': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: false,
  });
  if (values.help) return undefined;
  const number = (v: unknown, fallback: string | undefined, dflt: number) => {
    const n = Number(v ?? fallback ?? dflt);
    return Number.isInteger(n) && n > 0 ? n : NaN;
  };
  const settings: BenchSettings = {
    customers: number(values.customers, env.BENCH_CUSTOMERS, 32),
    durationS: number(values.duration, env.BENCH_DURATION_S, 30),
    mode: String(values.mode ?? env.SAGA_MODE ?? 'orchestration'),
    products: number(values.products, env.BENCH_PRODUCTS, 20),
    pollMs: number(values['poll-ms'], env.BENCH_POLL_MS, 25),
    url: (values.url as string | undefined) ?? env.BENCH_URL,
    databasePrefix: String(values['database-prefix'] ?? 'shop_'),
  };
  const valid =
    ['orchestration', 'choreography'].includes(settings.mode) &&
    [settings.customers, settings.durationS, settings.products, settings.pollMs].every(
      (n) => !Number.isNaN(n),
    );
  return valid ? settings : undefined;
}
