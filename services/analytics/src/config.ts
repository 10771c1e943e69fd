import { baseConfig, storeAndBusConfig } from '@shop/common';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseConfig,
  ...storeAndBusConfig,
  /** Order stream records per batch (one transaction): RabbitMQ's prefetch, Kafka's batch. */
  ANALYTICS_STREAM_PREFETCH: z.coerce.number().int().min(1).max(10_000).default(200),
});

export type Config = z.infer<typeof configSchema>;
