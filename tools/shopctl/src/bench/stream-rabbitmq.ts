import { Broker, createLogger, ORDER_STREAM_EVENTS, publishEvents } from '@shop/common';
import { StreamConsumer } from '@shop/analytics/dist/events/stream-consumer';
import type { ChannelModel } from 'amqplib';
import type { LogFigures, LogRun } from './stream-kafka';
import { batches } from './stream-events';
import { measurePhase, readPhase, writeAll } from './stream-phase';

/**
 * The stream queue analytics reads (`analytics.orders`, prefixed, bound to an exchange of its
 * own): written by the kit's publishEvents (persistent, mandatory, every confirm awaited, one
 * batch at a time like the outbox relay), then read back from the first offset by analytics'
 * StreamConsumer (a batch per prefetch window, acknowledged after each batch).
 */
export async function rabbitmqLog(amqpUrl: string, run: LogRun): Promise<LogFigures> {
  const log = createLogger('bench', 'warn');
  const exchange = `${run.prefix}events`;
  const stream = `${run.prefix}analytics.orders`;
  const port = Number(new URL(amqpUrl).port || 5672);
  const writer = new Broker({ url: amqpUrl, exchange, log });
  const reader = new Broker({ url: amqpUrl, exchange, log });
  let connection: ChannelModel | undefined;
  try {
    await writer.onConnect(async (c) => void (connection = c));
    await writer.start();
    if (!connection) throw new Error(`RabbitMQ at ${amqpUrl} is not reachable`);
    const channel = await connection.createChannel();
    await channel.assertQueue(stream, { durable: true, arguments: { 'x-queue-type': 'stream' } });
    for (const key of ORDER_STREAM_EVENTS) await channel.bindQueue(stream, exchange, key);
    await channel.close();
    const written = await measurePhase(port, run.events.length, () =>
      writeAll(batches(run.events, run.batch), (batch) => publishEvents(writer, batch)),
    );
    const reading = readPhase(port, run.events.length, run.timeoutMs);
    const consumer = new StreamConsumer({
      broker: reader,
      stream,
      routingKeys: ORDER_STREAM_EVENTS,
      prefetch: run.batch,
      retryDelayMs: 200,
      log,
      start: async () => ({ epoch: 0, from: 'first' }),
      handle: reading.handle,
    });
    try {
      const read = await reading.measure(async () => {
        await consumer.start();
        await reader.start();
      });
      return { written, read };
    } finally {
      await consumer.stop();
    }
  } finally {
    await cleanUp(connection, stream, exchange);
    await reader.stop();
    await writer.stop();
  }
}

async function cleanUp(connection: ChannelModel | undefined, stream: string, exchange: string) {
  const channel = await connection?.createChannel().catch(() => undefined);
  await channel?.deleteQueue(stream).catch(() => undefined);
  await channel?.deleteExchange(exchange).catch(() => undefined);
  await channel?.close().catch(() => undefined);
}
