import type { RequestHandler } from 'express';
import type { LocalHandler } from './table';

/** The routes the gateway answers itself. */
export function localHandlers(
  openApiDocument: object,
  dashboard: RequestHandler,
): Record<LocalHandler, RequestHandler> {
  return {
    openapi: (_req, res) => {
      res.json(openApiDocument);
    },
    dashboard,
  };
}
