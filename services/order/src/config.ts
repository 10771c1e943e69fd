import { baseConfig, storeAndBusConfig } from '@shop/common';
import { z } from 'zod';

const positiveMs = z.coerce.number().int().positive();

export const configSchema = z
  .object({
    ...baseConfig,
    ...storeAndBusConfig,
    /** Which adapter holds orders: PostgreSQL (local runs, CI) or MongoDB (the cluster). */
    ORDER_STORE: z.enum(['postgres', 'mongodb']).default('postgres'),
    DATABASE_URL: storeAndBusConfig.DATABASE_URL.optional(),
    MONGO_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'expected a mongodb:// connection string')
      .optional(),
    /** @default the database in MONGO_URL's path, else `order` */
    MONGO_DATABASE: z.string().min(1).optional(),
    PRODUCT_URL: z.url({ protocol: /^https?$/ }),
    PRODUCT_TIMEOUT_MS: positiveMs.default(2000),
    SAGA_MODE: z.enum(['orchestration', 'choreography']).default('orchestration'),
    SAGA_STEP_TIMEOUT_MS: z.coerce.number().int().min(50).default(10_000),
    /** How often live order streams read their orders again, for changes other replicas made. */
    ORDER_EVENTS_POLL_MS: z.coerce.number().int().min(10).default(250),
    ORDER_EVENTS_HEARTBEAT_MS: positiveMs.default(15_000),
  })
  .superRefine((config, ctx) => {
    const needed = config.ORDER_STORE === 'postgres' ? 'DATABASE_URL' : 'MONGO_URL';
    if (!config[needed]) {
      ctx.addIssue({
        code: 'custom',
        path: [needed],
        message: `required when ORDER_STORE=${config.ORDER_STORE}`,
      });
    }
  })
  .transform((config) => ({
    ...config,
    MONGO_DATABASE: config.MONGO_DATABASE ?? databaseIn(config.MONGO_URL) ?? 'order',
  }));

export type Config = z.infer<typeof configSchema>;

/** The database a MongoDB connection string names in its path, if any. */
function databaseIn(url: string | undefined): string | undefined {
  const name = url && /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url)?.[1];
  return name ? decodeURIComponent(name) : undefined;
}
