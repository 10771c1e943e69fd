import { randomUUID } from 'node:crypto';
import { barChart, fence } from './chart';
import { orderEvents } from './stream-events';
import { kafkaLog, type LogFigures } from './stream-kafka';
import { rabbitmqLog } from './stream-rabbitmq';

export interface StreamsSettings {
  /** Order events written into each log and read back out. */
  readonly events: number;
  /** Events per append and per read batch. */
  readonly batch: number;
  readonly kafkaBrokers: readonly string[];
  readonly amqpUrl: string;
}

/** Events/s into and out of both logs analytics can read, the same events through each. */
export interface StreamsFigures {
  readonly events: number;
  readonly batch: number;
  /** Mean JSON size of one event. */
  readonly eventBytes: number;
  readonly kafka: LogFigures;
  readonly rabbitmq: LogFigures;
}

/** The same order events through Kafka's topic, then RabbitMQ's stream queue, in one run. */
export async function runStreams(
  s: StreamsSettings,
  out: NodeJS.WritableStream,
): Promise<StreamsFigures> {
  const events = orderEvents(s.events);
  const bytes = events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
  const run = (log: string) => ({
    prefix: `bench_${log}_${randomUUID().slice(0, 8)}_`,
    events,
    batch: s.batch,
    timeoutMs: 120_000,
  });
  out.write(
    `bench: ${s.events} order events into and out of Kafka (${s.kafkaBrokers.join(',')})\n`,
  );
  const kafka = await kafkaLog(s.kafkaBrokers, run('kafka'));
  out.write(`bench: the same events into and out of the RabbitMQ stream queue\n`);
  const rabbitmq = await rabbitmqLog(s.amqpUrl, run('rabbitmq'));
  return { events: s.events, batch: s.batch, eventBytes: bytes / events.length, kafka, rabbitmq };
}

/** The streams section of a Markdown report. */
export function streamsMarkdown(f: StreamsFigures): string[] {
  const row = (name: string, log: LogFigures) =>
    (['written', 'read'] as const).map((dir) => {
      const p = log[dir];
      const cpu = p.cpuMsPer1000;
      return `| ${name} | ${dir === 'written' ? 'in' : 'out'} | ${Math.round(p.perSecond)} | ${p.seconds.toFixed(2)} s | ${Math.round(p.startupMs)} ms | ${cpu.broker.toFixed(0)} | ${cpu.client.toFixed(0)} | ${cpu.machine.toFixed(0)} |`;
    });
  return [
    `${f.events} order events (created, confirmed or cancelled; ${Math.round(f.eventBytes)} bytes of JSON each on average), the same through each log, ${f.batch} per append and per read batch. In: the kit's writers as the outbox relay uses them, one batch at a time, each acknowledged durably (Kafka: idempotent producer, acks=all; RabbitMQ: persistent, mandatory, publisher confirms). Out: read back from the first offset by the readers analytics uses (Kafka: consumer group, offsets committed after each batch; RabbitMQ: analytics' StreamConsumer, acknowledged after each batch), parsing each event but without the projection's PostgreSQL transaction. Events/s from the end of the first batch to the end of the last (start-up apart: connecting, joining the group, subscribing); CPU over the whole phase.`,
    '',
    ...fence(
      barChart(
        [
          ['Kafka in', f.kafka.written.perSecond],
          ['Kafka out', f.kafka.read.perSecond],
          ['RabbitMQ stream in', f.rabbitmq.written.perSecond],
          ['RabbitMQ stream out', f.rabbitmq.read.perSecond],
        ],
        'events/s',
      ),
    ),
    '',
    '| log | direction | events/s | time | start-up | broker CPU ms per 1,000 events | client | machine |',
    '|---|---|---|---|---|---|---|---|',
    ...row('Kafka `shop.order-events`', f.kafka),
    ...row('RabbitMQ stream `analytics.orders`', f.rabbitmq),
  ];
}

/** The four figures as terminal lines. */
export function streamsLines(f: StreamsFigures): string {
  const line = (name: string, log: LogFigures) =>
    `  ${name.padEnd(16)} in ${Math.round(log.written.perSecond)} events/s, out ${Math.round(log.read.perSecond)} events/s`;
  return [line('Kafka', f.kafka), line('RabbitMQ stream', f.rabbitmq)].join('\n');
}
