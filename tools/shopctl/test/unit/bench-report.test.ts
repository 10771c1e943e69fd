import { suiteSettings } from '../../src/commands/bench';
import { barChart } from '../../src/bench/chart';
import { formatMarkdown } from '../../src/bench/markdown';
import { formatGoals, judgeGoals, type BenchReport } from '../../src/bench/report';
import { summarize } from '../../src/bench/stats';

const latency = summarize([100, 200, 900]);

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  const saga = (mode: string, ordersPerSecond: number) => ({
    mode,
    customers: 32,
    durationS: 30,
    confirmed: ordersPerSecond * 30,
    ordersPerSecond,
    failedRequests: 0,
    stuck: 0,
    latency,
    cpuMsPerOrder: { order: 4, '(whole machine)': 30 },
    invariantsHold: true,
  });
  return {
    startedAt: '2026-12-02T09:00:00.000Z',
    machine: {
      hostname: 'box',
      cpuModel: 'Test CPU',
      cores: 2,
      memoryGiB: 24,
      loadAverage: 1,
      node: 'v24.21.0',
      postgres: '15.18',
      rabbitmq: '3.10.8',
    },
    edge: { raw: 10_000, direct: 3_000, rawProxy: 2_000, gateway: 1_800 },
    saga: [saga('orchestration', 260), saga('choreography', 40)],
    baseline: {
      ordersPerSecond: 1_000,
      latency,
      cpuMsPerOrder: { '(whole machine)': 2 },
      failedRequests: 0,
    },
    idleRssMb: { user: 70, order: 79.5 },
    ...overrides,
  };
}

describe('make bench report', () => {
  test('each goal of issue 11 is judged against its own threshold', () => {
    const verdicts = Object.fromEntries(judgeGoals(report()).map((g) => [g.goal, g.pass]));
    expect(verdicts).toEqual({
      'checkout orchestration: >= 250 confirmed orders/s': true,
      'checkout orchestration: p99 POST -> final <= 1000 ms': true,
      'checkout orchestration: zero failed requests, none stuck, invariants hold': true,
      'checkout choreography: >= 250 confirmed orders/s': false,
      'checkout choreography: p99 POST -> final <= 1000 ms': true,
      'checkout choreography: zero failed requests, none stuck, invariants hold': true,
      'edge: gateway >= 0.6x direct': true,
      'edge: direct >= 0.3x raw node:http': true,
      'idle RSS <= 80 MB per service': true,
    });
  });

  test('a violated invariant, a slow edge or one heavy service fails its goal', () => {
    const bad = report({
      edge: { raw: 10_000, direct: 2_900, rawProxy: 2_000, gateway: 1_700 },
      idleRssMb: { user: 70, notification: 81 },
    });
    const [first] = bad.saga;
    const saga = [{ ...first!, invariantsHold: false }];
    const failed = judgeGoals({ ...bad, saga }).filter((g) => !g.pass);
    expect(failed.map((g) => [g.goal.split(':')[0], g.measured])).toEqual([
      ['checkout orchestration', '0 failed, 0 stuck, invariants VIOLATED'],
      ['edge', '0.59x'],
      ['edge', '0.29x'],
      ['idle RSS <= 80 MB per service', 'max 81 MB (notification)'],
    ]);
  });

  test('no RSS measured is a failure, not a pass', () => {
    const rss = judgeGoals(report({ idleRssMb: {} })).at(-1)!;
    expect(rss).toMatchObject({ pass: false, measured: 'not measured' });
  });

  test('the terminal lines say PASS or FAIL, then the goal, then the figure', () => {
    const lines = formatGoals(judgeGoals(report())).split('\n');
    expect(lines[0]).toMatch(
      /^ {2}PASS {2}checkout orchestration: >= 250 confirmed orders\/s +260\.0\/s$/,
    );
    expect(lines[3]).toMatch(/^ {2}FAIL {2}checkout choreography/);
  });

  test('bars scale to the largest value, in eighths of a character', () => {
    expect(
      barChart(
        [
          ['a', 8],
          ['bb', 1],
        ],
        'x',
        1,
      ),
    ).toBe('a   █ 8.0 x\nbb  ▏ 1.0 x');
    expect(
      barChart(
        [
          ['a', 16],
          ['b', 6],
        ],
        'x',
        2,
      ),
    ).toBe('a  ██ 16 x\nb  ▊ 6.0 x');
  });

  test('the Markdown names the machine and versions and states the price of distribution', () => {
    const md = formatMarkdown(report());
    expect(md).toContain('Test CPU, 2 cores');
    expect(md).toContain('Node v24.21.0, PostgreSQL 15.18, RabbitMQ 3.10.8');
    expect(md).toContain('| FAIL | checkout choreography: >= 250 confirmed orders/s | 40.0/s |');
    expect(md).toContain('0.26x of the single-process baseline');
    expect(md).toContain('| order | 4.0 | 4.0 |');
    expect(md).toContain('a bare node:http proxy in front of product does 0.67x of direct');
    expect(md).toContain('the gateway 0.90x of that');
  });

  test('durations come from BENCH_* variables; a bad one or an unknown mode is refused', () => {
    expect(suiteSettings({ BENCH_SAGA_S: '5', BENCH_MODES: 'choreography' })).toMatchObject({
      sagaS: 5,
      edgeS: 10,
      modes: ['choreography'],
    });
    expect(suiteSettings({ BENCH_EDGE_S: '0' })).toBeUndefined();
    expect(suiteSettings({ BENCH_MODES: 'sync' })).toBeUndefined();
  });
});
