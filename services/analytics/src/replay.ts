import { Broker, createLogger, createPool, loadConfig, runMain } from '@shop/common';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { configSchema } from './config';
import { replayOrderStream } from './replay/replay-order-stream';

const replayConfig = configSchema
  .pick({
    LOG_LEVEL: true,
    DATABASE_URL: true,
    AMQP_URL: true,
    EVENTS_EXCHANGE: true,
    EVENTS_QUEUE_PREFIX: true,
    EVENT_RETRY_DELAY_MS: true,
    ANALYTICS_STREAM_PREFETCH: true,
    EVENT_STREAM: true,
    KAFKA_BROKERS: true,
  })
  .extend({ REPLAY_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000) });

/** `make analytics-replay`: wipes the analytics store and rebuilds it from the order log (EVENT_STREAM). */
runMain(async () => {
  const config = loadConfig(replayConfig, {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop_analytics',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    LOG_LEVEL: 'warn',
    ...process.env,
  });
  const log = createLogger('analytics-replay', config.LOG_LEVEL);
  const pool = createPool(config.DATABASE_URL, 2);
  const broker = new Broker({ url: config.AMQP_URL, exchange: config.EVENTS_EXCHANGE, log });
  const started = Date.now();
  try {
    if (config.EVENT_STREAM === 'rabbitmq') await broker.start();
    const result = await replayOrderStream(
      {
        stream: config.EVENT_STREAM,
        broker,
        kafkaBrokers: config.KAFKA_BROKERS,
        pool,
        log,
        registry: new Registry(),
        queuePrefix: config.EVENTS_QUEUE_PREFIX,
        maxBatch: config.ANALYTICS_STREAM_PREFETCH,
        retryDelayMs: config.EVENT_RETRY_DELAY_MS,
      },
      config.REPLAY_IDLE_TIMEOUT_MS,
    );
    const through = result.through === null ? 'nothing to replay' : `through ${result.through}`;
    process.stdout.write(
      `analytics rebuilt from the first offset of the ${config.EVENT_STREAM} log (epoch ${result.epoch}): ${result.messages} messages, ${through}, in ${Date.now() - started} ms\n`,
    );
  } finally {
    await broker.stop();
    await pool.end();
  }
});
