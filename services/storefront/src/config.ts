import { baseConfig } from '@shop/common';
import { z } from 'zod';

/** The storefront's environment: only what every service has; the web app is built in. */
export const configSchema = z.object(baseConfig);

export type StorefrontConfig = z.infer<typeof configSchema>;
