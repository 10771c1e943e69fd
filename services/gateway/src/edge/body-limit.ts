import { AppError } from '@shop/common';
import express, { type RequestHandler } from 'express';

/**
 * Refuses bodies over `maxBytes` with a 413 before anything reaches an upstream. A declared
 * Content-Length is checked up front and the body then streams through; a chunked body has
 * no declared size, so it is buffered (up to the limit, counted) and forwarded whole.
 */
export function bodyLimit(maxBytes: number): RequestHandler {
  const bufferChunked = express.raw({ limit: maxBytes, type: () => true });
  return (req, res, next) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) <= maxBytes) return next();
      return next(new AppError('too_large', 413, `request body larger than ${maxBytes} bytes`));
    }
    if (req.headers['transfer-encoding'] !== undefined) return bufferChunked(req, res, next);
    next();
  };
}
