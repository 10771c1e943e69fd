import { Broker, createLogger, createPool, loadConfig, runMain } from '@shop/common';
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
  })
  .extend({ REPLAY_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000) });

/** `make analytics-replay`: wipes the analytics store and rebuilds it from the order stream. */
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
    await broker.start();
    const result = await replayOrderStream(
      {
        broker,
        pool,
        log,
        queuePrefix: config.EVENTS_QUEUE_PREFIX,
        prefetch: config.ANALYTICS_STREAM_PREFETCH,
        retryDelayMs: config.EVENT_RETRY_DELAY_MS,
      },
      config.REPLAY_IDLE_TIMEOUT_MS,
    );
    const through =
      result.throughOffset === null
        ? 'nothing to replay'
        : `through offset ${result.throughOffset}`;
    process.stdout.write(
      `analytics rebuilt from the first offset (epoch ${result.epoch}): ${result.messages} messages, ${through}, in ${Date.now() - started} ms\n`,
    );
  } finally {
    await broker.stop();
    await pool.end();
  }
});
