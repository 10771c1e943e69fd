import { formatMarkdown } from '../bench/markdown';
import { outputDir, writeReport } from '../bench/output';
import { formatGoals, judgeGoals } from '../bench/report';
import { streamsLines } from '../bench/streams';
import { runSuite, type SuiteSettings } from '../bench/suite';
import { tracingLine } from '../bench/tracing-cost';
import { streamsSettings } from './bench-streams';
import { DEFAULT_STACK } from '../runner/env';

const USAGE = `usage: shopctl bench [--out DIR]   (default bench/results)
Env (durations in seconds): BENCH_SAGA_S=30 BENCH_EDGE_S=10 BENCH_BASELINE_S=20
  BENCH_CUSTOMERS=32 BENCH_CONNECTIONS=16 BENCH_PRODUCTS=20
  BENCH_MODES=orchestration,choreography
  BENCH_TRACING=on (the first mode again, traced to a local Jaeger: make jaeger) or off
  BENCH_STREAMS=on (order events into and out of Kafka and the stream queue) or off
  BENCH_STREAM_EVENTS=20000 BENCH_STREAM_BATCH=200 KAFKA_BROKERS=127.0.0.1:9092`;

/**
 * `make bench`: one run, one report. The edge (raw node:http, product direct, through the
 * gateway), checkout in each saga mode, idle RSS and the single-process baseline; writes
 * `<time>.json` and `<time>.md` under bench/results and prints every goal with pass or fail.
 */
export async function bench(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const settings = suiteSettings(process.env);
  const dir = outputDir(args);
  if (!settings || !dir || args.includes('--help')) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  const report = await runSuite(settings, out);
  const stem = await writeReport(dir, report.startedAt, '', report, formatMarkdown(report));
  out.write(`\nbench: goals (a shared box gives low absolute figures; the ratios are steadier)\n`);
  out.write(`${formatGoals(judgeGoals(report))}\n`);
  const off = report.traced && report.saga.find((s) => s.mode === report.traced!.mode);
  if (off) out.write(`${tracingLine(off, report.traced!)}\n`);
  if (report.streams) out.write(`${streamsLines(report.streams)}\n`);
  out.write(`\nbench: report ${stem}.md and .json\n`);
  const runs = [...report.saga, ...(report.traced ? [report.traced] : [])];
  const sound = runs.every((s) => s.invariantsHold && s.stuck === 0);
  return sound ? 0 : 1;
}

/** Durations and sizes from BENCH_* variables; undefined when one is not a positive integer. */
export function suiteSettings(env: NodeJS.ProcessEnv): SuiteSettings | undefined {
  const n = (name: string, dflt: number) => {
    const v = Number(env[name] ?? dflt);
    return Number.isInteger(v) && v > 0 ? v : NaN;
  };
  const streams = streamsSettings(env);
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
    tracing: (env.BENCH_TRACING ?? 'on') === 'on',
    streams: env.BENCH_STREAMS === 'off' ? undefined : streams,
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
    streams !== undefined &&
    ['on', 'off', undefined].includes(env.BENCH_TRACING) &&
    ['on', 'off', undefined].includes(env.BENCH_STREAMS) &&
    modes.length > 0 &&
    modes.every((m) => ['orchestration', 'choreography'].includes(m)) &&
    numbers.every((v) => !Number.isNaN(v));
  return valid ? settings : undefined;
}
