import { AppError, sendProblem, type Logger } from '@shop/common';
import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';

/**
 * At most `limitPerMinute` requests per client address in a sliding minute; over it a 429
 * problem with `Retry-After` and the `RateLimit-*` headers. Counts live in `store` when given
 * (shared by every replica), else in this process. A store that fails lets the request through
 * (logged): the limit protects the shop, it must not take it down.
 */
export function perClientRateLimit(
  limitPerMinute: number,
  log: Logger,
  store?: Store,
): RequestHandler {
  return rateLimit({
    ...(store && { store }),
    passOnStoreError: true,
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    logger: {
      error: (err, msg) => log.error({ err }, msg),
      warn: (err, msg) => log.warn({ err }, msg),
    },
    handler: (_req, res) => {
      const detail = `more than ${limitPerMinute} requests in a minute; retry after Retry-After seconds`;
      sendProblem(res, new AppError('rate_limited', 429, detail));
    },
  });
}
