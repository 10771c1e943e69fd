import { z } from 'zod';
import { EVENT_STREAMS } from './events/stream';

/** Thrown when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates `env` against `schema` once. Every problem names the variable, e.g.
 * `PORT: expected number, received "abc"`.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
  );
}

/** Config fields every service has. */
export const baseConfig = {
  PORT: z.coerce.number().int().min(1).max(65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
};

/** Config fields of a service with a PostgreSQL store and the event bus. */
export const storeAndBusConfig = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  AMQP_URL: z.url({ protocol: /^amqps?$/ }),
  EVENTS_EXCHANGE: z.string().min(1).default('shop.events'),
  EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  EVENT_PREFETCH: z.coerce.number().int().min(1).default(32),
  EVENT_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  /** Prepended to queue names (isolated test runs on a shared broker). */
  EVENTS_QUEUE_PREFIX: z.string().default(''),
  /** The replayable log of the order events (DESIGN.md, Events): one system-wide setting. */
  EVENT_STREAM: z.enum(EVENT_STREAMS).default('rabbitmq'),
  /** Kafka's bootstrap brokers, comma-separated (read only when EVENT_STREAM=kafka). */
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/, 'expected host:port[,host:port...]')
    .default('127.0.0.1:9092')
    .transform((v) => v.split(',')),
};

/** `"true"`/`"false"` env flags. */
export const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
