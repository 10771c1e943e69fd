import path from 'node:path';
import type { RequestHandler } from 'express';
import type { LocalHandler } from './table';

/** The routes the gateway answers itself. */
export function localHandlers(
  openApiDocument: object,
  publicDir: string,
  dashboard: RequestHandler,
): Record<LocalHandler, RequestHandler> {
  return {
    storefront: (_req, res) => res.sendFile(path.join(publicDir, 'index.html')),
    openapi: (_req, res) => {
      res.json(openApiDocument);
    },
    dashboard,
  };
}
