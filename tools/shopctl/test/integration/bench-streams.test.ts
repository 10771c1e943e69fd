import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { benchStreams, type StreamsReport } from '../../src/commands/bench-streams';

/**
 * `make bench-streams` against the real brokers (`make kafka-up`, RabbitMQ): the same events
 * into and out of both logs, every one read back, the figures in the report and printed.
 */
let dir: string;
const saved = process.env.BENCH_STREAM_EVENTS;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bench-streams-'));
  process.env.BENCH_STREAM_EVENTS = '500';
});
afterAll(async () => {
  if (saved === undefined) delete process.env.BENCH_STREAM_EVENTS;
  else process.env.BENCH_STREAM_EVENTS = saved;
  await rm(dir, { recursive: true, force: true });
});

test('events/s into and out of Kafka and the stream queue, in one run and one report', async () => {
  let printed = '';
  const out = new Writable({ write: (chunk, _enc, done) => done(void (printed += chunk)) });
  expect(await benchStreams(['--out', dir], out)).toBe(0);

  const files = (await readdir(dir)).sort();
  expect(files.map((f) => f.replace(/^.*-streams/, ''))).toEqual(['.json', '.md']);
  const report = JSON.parse(await readFile(path.join(dir, files[0]!), 'utf8')) as StreamsReport;
  for (const log of [report.streams.kafka, report.streams.rabbitmq]) {
    expect([log.written.events, log.read.events]).toEqual([500, 500]);
    expect(Math.min(log.written.perSecond, log.read.perSecond)).toBeGreaterThan(0);
  }
  expect(printed).toMatch(/Kafka +in \d+ events\/s, out \d+ events\/s/);
  expect(printed).toMatch(/RabbitMQ stream +in \d+ events\/s, out \d+ events\/s/);
}, 60_000);
