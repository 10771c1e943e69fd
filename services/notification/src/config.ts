import { baseConfig, storeAndBusConfig } from '@shop/common';
import { z } from 'zod';

const millis = z.coerce.number().int().positive();

export const configSchema = z.object({
  ...baseConfig,
  ...storeAndBusConfig,
  /** The user service's gRPC endpoint, `host:port` (`user:50051` in the cluster). */
  USER_GRPC_ADDR: z.string().regex(/^[\w.-]+:\d{1,5}$/, 'expected host:port'),
  /** Deadline of every GetUser call. */
  USER_GRPC_TIMEOUT_MS: millis.default(2000),
  /** `smtp://[user:pass@]host:port` or `smtps://...`; empty: store and log instead of sending. */
  SMTP_URL: z.union([z.literal(''), z.url({ protocol: /^smtps?$/ })]).default(''),
  /** The From header; its domain also names every Message-ID. */
  MAIL_FROM: z
    .string()
    .max(200)
    .regex(/@[\w-]+(\.[\w-]+)*>?$/, 'expected an address such as "Shop <no-reply@shop.example>"')
    .default('Shop <no-reply@shop.local>'),
  /** Connection, greeting and idle-socket timeouts of the SMTP client. */
  SMTP_TIMEOUT_MS: millis.default(10_000),
  /** Wait before retrying an email the SMTP server did not take; doubles up to the max. */
  SMTP_RETRY_MIN_MS: millis.default(1000),
  SMTP_RETRY_MAX_MS: millis.default(300_000),
  /** The sender looks for due emails this often when nothing woke it. */
  SENDER_POLL_MS: millis.default(1000),
  /** Emails sent per round before the sender checks for shutdown and yields. */
  SENDER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
});

export type Config = z.infer<typeof configSchema>;
