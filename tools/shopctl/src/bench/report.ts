import type { MachineInfo } from './machine';
import type { LatencySummary } from './stats';

export interface SagaFigures {
  readonly mode: string;
  readonly customers: number;
  readonly durationS: number;
  readonly confirmed: number;
  readonly ordersPerSecond: number;
  readonly failedRequests: number;
  readonly stuck: number;
  readonly latency: LatencySummary;
  /** CPU ms per confirmed order, per process (and the whole machine). */
  readonly cpuMsPerOrder: Record<string, number>;
  readonly invariantsHold: boolean;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly machine: MachineInfo;
  /** Requests per second of the same product read by id. */
  readonly edge: { readonly raw: number; readonly direct: number; readonly gateway: number };
  readonly saga: readonly SagaFigures[];
  readonly baseline: {
    readonly ordersPerSecond: number;
    readonly latency: LatencySummary;
    /** CPU ms per order: the baseline's process and the whole machine (PostgreSQL included). */
    readonly cpuMsPerOrder: Record<string, number>;
    readonly failedRequests: number;
  };
  /** Idle resident memory per service process, MB. */
  readonly idleRssMb: Record<string, number>;
}

export interface GoalResult {
  readonly goal: string;
  readonly measured: string;
  readonly pass: boolean;
}

/** Every goal of issue 11 with its measured figure and whether it is met. */
export function judgeGoals(report: BenchReport): GoalResult[] {
  const goals: GoalResult[] = [];
  for (const s of report.saga) {
    goals.push(
      {
        goal: `checkout ${s.mode}: >= 250 confirmed orders/s`,
        measured: `${s.ordersPerSecond.toFixed(1)}/s`,
        pass: s.ordersPerSecond >= 250,
      },
      {
        goal: `checkout ${s.mode}: p99 POST -> final <= 1000 ms`,
        measured: ms(s.latency.p99),
        pass: s.latency.p99 <= 1000,
      },
      {
        goal: `checkout ${s.mode}: zero failed requests, none stuck, invariants hold`,
        measured: `${s.failedRequests} failed, ${s.stuck} stuck, invariants ${s.invariantsHold ? 'hold' : 'VIOLATED'}`,
        pass: s.failedRequests === 0 && s.stuck === 0 && s.invariantsHold,
      },
    );
  }
  const { raw, direct, gateway } = report.edge;
  goals.push(
    {
      goal: 'edge: gateway >= 0.6x direct',
      measured: ratio(gateway, direct),
      pass: gateway >= 0.6 * direct,
    },
    {
      goal: 'edge: direct >= 0.3x raw node:http',
      measured: ratio(direct, raw),
      pass: direct >= 0.3 * raw,
    },
  );
  const rss = Object.entries(report.idleRssMb).sort((a, b) => b[1] - a[1]);
  const worst = rss[0];
  goals.push({
    goal: 'idle RSS <= 80 MB per service',
    measured: worst ? `max ${worst[1].toFixed(0)} MB (${worst[0]})` : 'not measured',
    pass: rss.length > 0 && rss.every(([, mb]) => mb <= 80),
  });
  return goals;
}

/** The goals as terminal lines: `PASS|FAIL  goal  measured`. */
export function formatGoals(goals: readonly GoalResult[]): string {
  const width = Math.max(...goals.map((g) => g.goal.length));
  return goals
    .map((g) => `  ${g.pass ? 'PASS' : 'FAIL'}  ${g.goal.padEnd(width)}  ${g.measured}`)
    .join('\n');
}

/** A Unicode bar chart: one row per entry, bars scaled to the largest value. */
export function barChart(rows: readonly [string, number][], unit: string, width = 40): string {
  const max = Math.max(...rows.map(([, v]) => v), 1e-9);
  const label = Math.max(...rows.map(([l]) => l.length));
  return rows
    .map(([l, v]) => {
      const eighths = Math.round((v / max) * width * 8);
      const bar =
        '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? '▏▎▍▌▋▊▉'[(eighths % 8) - 1] : '');
      return `${l.padEnd(label)}  ${bar} ${v.toFixed(v < 10 ? 1 : 0)} ${unit}`;
    })
    .join('\n');
}

/** The run as Markdown: machine, goals, charts and tables (what docs/benchmarks.md shows). */
export function formatMarkdown(report: BenchReport): string {
  const m = report.machine;
  const goals = judgeGoals(report);
  const best = Math.max(...report.saga.map((s) => s.ordersPerSecond), 0);
  const base = report.baseline.ordersPerSecond;
  const { raw, direct, gateway } = report.edge;
  const fence = (text: string) => ['```', text, '```'];
  return [
    `# make bench: ${report.startedAt}`,
    '',
    `Machine: ${m.hostname}, ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, load average ${m.loadAverage.toFixed(1)} at the start; Node ${m.node}, PostgreSQL ${m.postgres}, RabbitMQ ${m.rabbitmq}. Everything (services, servers, load generator) on the same cores.`,
    '',
    '## Goals (issue 11)',
    '',
    '| | goal | measured |',
    '|---|---|---|',
    ...goals.map((g) => `| ${g.pass ? 'PASS' : 'FAIL'} | ${g.goal} | ${g.measured} |`),
    '',
    '## Product read by id (requests/s)',
    '',
    ...fence(
      barChart(
        [
          ['raw node:http', raw],
          ['product direct', direct],
          ['through gateway', gateway],
        ],
        'req/s',
      ),
    ),
    '',
    `direct / raw ${ratio(direct, raw)}, gateway / direct ${ratio(gateway, direct)}`,
    '',
    '## Checkout (confirmed orders/s)',
    '',
    ...fence(
      barChart(
        [
          ...report.saga.map((s) => [`saga ${s.mode}`, s.ordersPerSecond] as [string, number]),
          ['single process', base],
        ],
        'orders/s',
      ),
    ),
    '',
    `Price of distribution: the best saga mode does ${ratio(best, base)} of the single-process baseline's orders/s.`,
    '',
    '| run | customers | orders/s | p50 / p95 / p99 | failed | CPU ms per order (machine) |',
    '|---|---|---|---|---|---|',
    ...report.saga.map(
      (s) =>
        `| saga ${s.mode} | ${s.customers} | ${s.ordersPerSecond.toFixed(1)} | ${latency(s.latency)} | ${s.failedRequests} | ${machineCpu(s.cpuMsPerOrder)} |`,
    ),
    `| single process | ${report.saga[0]?.customers ?? '-'} | ${base.toFixed(1)} | ${latency(report.baseline.latency)} | ${report.baseline.failedRequests} | ${machineCpu(report.baseline.cpuMsPerOrder)} |`,
    '',
    '## CPU ms per confirmed order, per process',
    '',
    `| process | ${report.saga.map((s) => s.mode).join(' | ')} |`,
    `|---|${report.saga.map(() => '---').join('|')}|`,
    ...cpuRows(report.saga),
    '',
    '## Idle RSS per service (MB)',
    '',
    ...fence(
      barChart(
        Object.entries(report.idleRssMb).sort((a, b) => b[1] - a[1]),
        'MB',
      ),
    ),
    '',
  ].join('\n');
}

function cpuRows(saga: readonly SagaFigures[]): string[] {
  const names = [...new Set(saga.flatMap((s) => Object.keys(s.cpuMsPerOrder)))];
  return names.map(
    (n) => `| ${n} | ${saga.map((s) => (s.cpuMsPerOrder[n] ?? NaN).toFixed(1)).join(' | ')} |`,
  );
}

function machineCpu(cpu: Record<string, number>): string {
  return (cpu['(whole machine)'] ?? NaN).toFixed(1);
}

function ms(v: number): string {
  return Number.isNaN(v) ? '-' : `${Math.round(v)} ms`;
}

function latency(s: LatencySummary): string {
  return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : '-';
}
