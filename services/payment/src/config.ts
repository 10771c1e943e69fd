import { baseConfig, storeAndBusConfig } from '@shop/common';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseConfig,
  ...storeAndBusConfig,
  /** Which saga style drives payments: commands from the order service, or events. */
  SAGA_MODE: z.enum(['orchestration', 'choreography']).default('orchestration'),
  /** Simulated provider round trip per charge or refund. */
  PAYMENT_PROVIDER_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export type Config = z.infer<typeof configSchema>;
export type SagaMode = Config['SAGA_MODE'];
