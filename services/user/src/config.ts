import { baseConfig, booleanFlag, storeAndBusConfig } from '@shop/common';
import { z } from 'zod';

export const configSchema = z
  .object({
    ...baseConfig,
    ...storeAndBusConfig,
    GRPC_PORT: z.coerce.number().int().min(1).max(65535),
    /** PKCS8 PEM of the RSA signing key; `\n` escapes are accepted for one-line env files. */
    JWT_PRIVATE_KEY: z
      .string()
      .default('')
      .transform((pem) => pem.replaceAll('\\n', '\n').trim()),
    /** The `kid` of the key; empty means its RFC 7638 thumbprint. */
    JWT_KEY_ID: z.string().max(100).default(''),
    /** Local runs and tests only: generate a key pair at start when no key is configured. */
    ALLOW_EPHEMERAL_JWT_KEY: booleanFlag.default(false),
    ADMIN_EMAIL: z.union([z.literal(''), z.email().max(254)]).default(''),
    ADMIN_PASSWORD: z.union([z.literal(''), z.string().min(8).max(256)]).default(''),
    /** log2 of the scrypt cost N for new hashes (15 = 32 MiB per hash). */
    SCRYPT_LOG_N: z.coerce.number().int().min(14).max(17).default(15),
  })
  .superRefine((c, ctx) => {
    if (!c.JWT_PRIVATE_KEY && !c.ALLOW_EPHEMERAL_JWT_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_PRIVATE_KEY'],
        message: 'required (or set ALLOW_EPHEMERAL_JWT_KEY=true for a local run)',
      });
    }
    if (Boolean(c.ADMIN_EMAIL) !== Boolean(c.ADMIN_PASSWORD)) {
      const missing = c.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;
