import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { bench } from '../../src/commands/bench';
import type { BenchReport } from '../../src/bench/report';

/**
 * `make bench` end to end, a couple of seconds per part: both saga modes on isolated stacks,
 * orchestration again traced to a local Jaeger, the edge, idle RSS, the single-process
 * baseline and the event logs, then one JSON and one Markdown report. Needs `make build` (the
 * baseline runs its compiled server), `make jaeger` and `make kafka-up`.
 */
const SHORT = {
  BENCH_SAGA_S: '2',
  BENCH_EDGE_S: '1',
  BENCH_BASELINE_S: '1',
  BENCH_CUSTOMERS: '4',
  BENCH_PRODUCTS: '2',
  BENCH_STREAM_EVENTS: '400',
};
const saved = Object.fromEntries(Object.keys(SHORT).map((k) => [k, process.env[k]]));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  Object.assign(process.env, SHORT);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await rm(dir, { recursive: true, force: true });
});

test('a short run writes a report with every part measured and prints every goal', async () => {
  let printed = '';
  const out = new Writable({ write: (chunk, _enc, done) => done(void (printed += chunk)) });
  expect(await bench(['--out', dir], out)).toBe(0);

  const files = (await readdir(dir)).sort();
  expect(files.map((f) => path.extname(f))).toEqual(['.json', '.md']);
  const report = JSON.parse(await readFile(path.join(dir, files[0]!), 'utf8')) as BenchReport;
  expect(report.machine.postgres).toMatch(/^\d+\.\d+/);
  expect(report.machine.rabbitmq).toMatch(/^\d+\.\d+/);
  expect(report.saga.map((s) => [s.mode, s.invariantsHold])).toEqual([
    ['orchestration', true],
    ['choreography', true],
  ]);
  for (const s of report.saga) expect(s.confirmed).toBeGreaterThan(0);
  const { raw, direct, rawProxy, gateway } = report.edge;
  expect(Math.min(raw, direct, rawProxy, gateway)).toBeGreaterThan(0);
  expect(report.baseline.ordersPerSecond).toBeGreaterThan(0);
  expect(report.baseline.failedRequests).toBe(0);
  for (const s of report.saga) expect(s.cpuMsPerOrder.postgresql).toBeGreaterThan(0);
  expect(report.traced).toMatchObject({ mode: 'orchestration', invariantsHold: true, stuck: 0 });
  expect(report.traced!.cpuMsPerOrder.jaeger).toBeGreaterThanOrEqual(0);
  for (const log of [report.streams!.kafka, report.streams!.rabbitmq]) {
    expect([log.written.events, log.read.events]).toEqual([400, 400]);
    expect(Math.min(log.written.perSecond, log.read.perSecond)).toBeGreaterThan(0);
  }
  expect(Object.keys(report.idleRssMb)).toEqual(expect.arrayContaining(['gateway', 'order']));
  expect(printed.match(/^ {2}(PASS|FAIL) {2}/gm)).toHaveLength(9);
  const md = await readFile(path.join(dir, files[1]!), 'utf8');
  expect(md).toContain('## Goals (issue 11)');
  expect(md).toContain('## What tracing costs (issue 13)');
  expect(md).toContain('## Order events into and out of the logs (issue 14)');
}, 300_000);
