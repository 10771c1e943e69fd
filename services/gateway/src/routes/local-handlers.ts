import path from 'node:path';
import { AppError } from '@shop/common';
import type { RequestHandler } from 'express';
import type { LocalHandler } from './table';

/** The routes the gateway answers itself. */
export function localHandlers(
  openApiDocument: object,
  publicDir: string,
): Record<LocalHandler, RequestHandler> {
  return {
    storefront: (_req, res) => res.sendFile(path.join(publicDir, 'index.html')),
    openapi: (_req, res) => {
      res.json(openApiDocument);
    },
    dashboard: (_req, _res, next) => {
      next(new AppError('not_implemented', 501, 'the dashboard is not available yet'));
    },
  };
}
