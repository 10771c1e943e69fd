import { baseConfig, storeAndBusConfig } from '@shop/common';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseConfig,
  ...storeAndBusConfig,
  /** Which saga style drives reservations: commands from the order service, or its events. */
  SAGA_MODE: z.enum(['orchestration', 'choreography']).default('orchestration'),
});

export type Config = z.infer<typeof configSchema>;
export type SagaMode = Config['SAGA_MODE'];
