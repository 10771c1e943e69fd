import { machineInfo, type MachineInfo } from '../bench/machine';
import { outputDir, writeReport } from '../bench/output';
import { runStreams, streamsLines, streamsMarkdown, type StreamsFigures } from '../bench/streams';
import { DEFAULT_STACK } from '../runner/env';

const USAGE = `usage: shopctl bench-streams [--out DIR]   (default bench/results)
Env: BENCH_STREAM_EVENTS=20000 BENCH_STREAM_BATCH=200 KAFKA_BROKERS=127.0.0.1:9092 AMQP_URL=`;

/** What bench-streams writes: the machine and the figures of both logs. */
export interface StreamsReport {
  readonly startedAt: string;
  readonly machine: MachineInfo;
  readonly streams: StreamsFigures;
}

/**
 * `make bench-streams`: the same order events into and out of the Kafka topic and the RabbitMQ
 * stream queue in one run; writes `<time>-streams.json` and `.md` under bench/results.
 */
export async function benchStreams(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const settings = streamsSettings(process.env);
  const dir = outputDir(args);
  if (!settings || !dir || args.includes('--help')) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  const startedAt = new Date().toISOString();
  const m = await machineInfo(DEFAULT_STACK.postgresUrl, settings.amqpUrl);
  const report: StreamsReport = { startedAt, machine: m, streams: await runStreams(settings, out) };
  const md = [
    `# make bench-streams: ${startedAt}`,
    '',
    `Machine: ${m.hostname}, ${m.cpuModel}, ${m.cores} cores, load average ${m.loadAverage.toFixed(1)} at the start; Node ${m.node}, RabbitMQ ${m.rabbitmq}, Kafka on ${settings.kafkaBrokers.join(',')}. Brokers and client on the same cores.`,
    '',
    ...streamsMarkdown(report.streams),
    '',
  ];
  const stem = await writeReport(dir, startedAt, '-streams', report, md.join('\n'));
  out.write(
    `\nbench-streams:\n${streamsLines(report.streams)}\n\nbench-streams: report ${stem}.md and .json\n`,
  );
  return 0;
}

/** Event count, batch and brokers from the environment; undefined for a bad number. */
export function streamsSettings(env: NodeJS.ProcessEnv) {
  const n = (name: string, dflt: number) => {
    const v = Number(env[name] ?? dflt);
    return Number.isInteger(v) && v > 0 ? v : NaN;
  };
  const events = n('BENCH_STREAM_EVENTS', 20_000);
  const batch = n('BENCH_STREAM_BATCH', 200);
  if (Number.isNaN(events) || Number.isNaN(batch)) return undefined;
  return {
    events,
    batch,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    amqpUrl: env.AMQP_URL ?? DEFAULT_STACK.amqpUrl,
  };
}
