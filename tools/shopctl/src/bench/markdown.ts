import { barChart, fence } from './chart';
import { cpuTable } from './cpu-table';
import { streamsMarkdown } from './streams';
import { tracingMarkdown } from './tracing-cost';
import { judgeGoals, ms, ratio, type BenchReport } from './report';
import type { LatencySummary } from './stats';

/** The run as Markdown: machine, goals, charts and tables (what docs/benchmarks.md shows). */
export function formatMarkdown(report: BenchReport): string {
  const m = report.machine;
  const goals = judgeGoals(report);
  const best = Math.max(...report.saga.map((s) => s.ordersPerSecond), 0);
  const base = report.baseline.ordersPerSecond;
  const { raw, direct, rawProxy, gateway } = report.edge;
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
          ['bare node:http proxy', rawProxy],
          ['through gateway', gateway],
        ],
        'req/s',
      ),
    ),
    '',
    `direct / raw ${ratio(direct, raw)}, gateway / direct ${ratio(gateway, direct)}; a bare node:http proxy in front of product does ${ratio(rawProxy, direct)} of direct (the ceiling for any node:http gateway on this box), the gateway ${ratio(gateway, rawProxy)} of that.`,
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
    ...(report.traced
      ? [
          `| saga ${report.traced.mode}, traced | ${report.traced.customers} | ${report.traced.ordersPerSecond.toFixed(1)} | ${latency(report.traced.latency)} | ${report.traced.failedRequests} | ${machineCpu(report.traced.cpuMsPerOrder)} |`,
        ]
      : []),
    `| single process | ${report.saga[0]?.customers ?? '-'} | ${base.toFixed(1)} | ${latency(report.baseline.latency)} | ${report.baseline.failedRequests} | ${machineCpu(report.baseline.cpuMsPerOrder)} |`,
    '',
    '## CPU ms per confirmed order, per process',
    '',
    ...cpuTable([
      ...report.saga.map((s) => [s.mode, s.cpuMsPerOrder] as const),
      ...(report.traced
        ? [[`${report.traced.mode}, traced`, report.traced.cpuMsPerOrder] as const]
        : []),
      ['single process', report.baseline.cpuMsPerOrder],
    ]),
    '',
    ...tracingSection(report),
    ...streamsSection(report),
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

function tracingSection(report: BenchReport): string[] {
  const on = report.traced;
  const off = on && report.saga.find((s) => s.mode === on.mode);
  if (!on || !off) return [];
  return ['## What tracing costs (issue 13)', '', ...tracingMarkdown(off, on), ''];
}

function streamsSection(report: BenchReport): string[] {
  if (!report.streams) return [];
  return [
    '## Order events into and out of the logs (issue 14)',
    '',
    ...streamsMarkdown(report.streams),
    '',
  ];
}

function machineCpu(cpu: Record<string, number>): string {
  return (cpu['(whole machine)'] ?? NaN).toFixed(1);
}

function latency(s: LatencySummary): string {
  return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
}
