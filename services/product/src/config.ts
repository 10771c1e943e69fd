import { baseConfig, storeAndBusConfig } from '@shop/common';
import { z } from 'zod';

export const configSchema = z.object({ ...baseConfig, ...storeAndBusConfig });

export type Config = z.infer<typeof configSchema>;
