import type { MachineInfo } from './machine';
import type { LatencySummary } from './stats';
import type { StreamsFigures } from './streams';

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
  readonly edge: {
    readonly raw: number;
    readonly direct: number;
    /** Through a bare node:http proxy (the ceiling of any node:http gateway here). */
    readonly rawProxy: number;
    readonly gateway: number;
  };
  readonly saga: readonly SagaFigures[];
  /** The first saga mode once more, right after its run, every service exporting spans. */
  readonly traced?: SagaFigures;
  readonly baseline: {
    readonly ordersPerSecond: number;
    readonly latency: LatencySummary;
    /** CPU ms per order: the baseline's process and the whole machine (PostgreSQL included). */
    readonly cpuMsPerOrder: Record<string, number>;
    readonly failedRequests: number;
  };
  /** Idle resident memory per service process, MB. */
  readonly idleRssMb: Record<string, number>;
  /** Order events into and out of Kafka and the RabbitMQ stream queue (issue 14). */
  readonly streams?: StreamsFigures;
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

/** A duration in whole milliseconds, `-` when not measured. */
export function ms(v: number): string {
  return Number.isNaN(v) ? '-' : `${Math.round(v)} ms`;
}

/** `a / b` as `0.50x`, `-` when `b` is not positive. */
export function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : '-';
}
