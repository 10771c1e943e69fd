import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatMarkdown } from '../bench/markdown';
import { formatGoals, judgeGoals } from '../bench/report';
import { runSuite, type SuiteSettings } from '../bench/suite';
import { DEFAULT_STACK } from '../runner/env';

const USAGE = `usage: shopctl bench [--out DIR]   (default bench/results)
Env (durations in seconds): BENCH_SAGA_S=30 BENCH_EDGE_S=10 BENCH_BASELINE_S=20
  BENCH_CUSTOMERS=32 BENCH_CONNECTIONS=16 BENCH_PRODUCTS=20
  BENCH_MODES=orchestration,choreography`;

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * `make bench`: one run, one report. The edge (raw node:http, product direct, through the
 * gateway), checkout in each saga mode, idle RSS and the single-process baseline; writes
 * `<time>.json` and `<time>.md` under bench/results and prints every goal with pass or fail.
 */
export async function bench(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const settings = suiteSettings(process.env);
  const outIndex = args.indexOf('--out');
  if (!settings || args.includes('--help') || (outIndex >= 0 && !args[outIndex + 1])) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  const dir =
    outIndex >= 0 ? path.resolve(args[outIndex + 1]!) : path.join(REPO_ROOT, 'bench/results');
  const report = await runSuite(settings, out);
  await mkdir(dir, { recursive: true });
  const stem = path.join(dir, report.startedAt.replace(/[:.]/g, '-'));
  await writeFile(`${stem}.json`, JSON.stringify(report, null, 2) + '\n');
  await writeFile(`${stem}.md`, formatMarkdown(report));
  out.write(`\nbench: goals (a shared box gives low absolute figures; the ratios are steadier)\n`);
  out.write(`${formatGoals(judgeGoals(report))}\n\nbench: report ${stem}.md and .json\n`);
  const sound = report.saga.every((s) => s.invariantsHold && s.stuck === 0);
  return sound ? 0 : 1;
}

/** Durations and sizes from BENCH_* variables; undefined when one is not a positive integer. */
export function suiteSettings(env: NodeJS.ProcessEnv): SuiteSettings | undefined {
  const n = (name: string, dflt: number) => {
    const v = Number(env[name] ?? dflt);
    return Number.isInteger(v) && v > 0 ? v : NaN;
  };
  const modes = (env.BENCH_MODES ?? 'orchestration,choreography').split(',').filter(Boolean);
  const settings: SuiteSettings = {
    modes,
    customers: n('BENCH_CUSTOMERS', 32),
    sagaS: n('BENCH_SAGA_S', 30),
    edgeS: n('BENCH_EDGE_S', 10),
    baselineS: n('BENCH_BASELINE_S', 20),
    connections: n('BENCH_CONNECTIONS', 16),
    products: n('BENCH_PRODUCTS', 20),
    postgresUrl: env.DATABASE_ADMIN_URL ?? DEFAULT_STACK.postgresUrl,
    amqpUrl: env.AMQP_URL ?? DEFAULT_STACK.amqpUrl,
  };
  const numbers = [
    settings.customers,
    settings.sagaS,
    settings.edgeS,
    settings.baselineS,
    settings.connections,
    settings.products,
  ];
  const valid =
    modes.length > 0 &&
    modes.every((m) => ['orchestration', 'choreography'].includes(m)) &&
    numbers.every((v) => !Number.isNaN(v));
  return valid ? settings : undefined;
}
