import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createServiceApp,
  routeLabel,
  type HealthState,
  type Logger,
  type Metrics,
} from '@shop/common';
import express, { type Express, type Request } from 'express';
import { securityHeaders } from './security-headers';

export interface StorefrontDeps {
  /** The built web app: `index.html` and `assets/` (the bundle's output). */
  readonly webDir: string;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
}

/** Client routes: any path outside /api/ and /assets/ without a file extension. */
const CLIENT_ROUTE = /^\/(?!api\/|assets\/)[^.]*$/;

/**
 * Serves the built web app: hashed assets cached for a year, and `index.html` (never cached)
 * for every client route, so `/products/<id>` can be shared and reloaded.
 */
export function createApp(deps: StorefrontDeps): Express {
  const indexHtml = readIndexHtml(deps.webDir);
  const options = {
    log: deps.log,
    metrics: deps.metrics,
    readiness: [],
    health: deps.health,
    parseJson: false,
    routeLabel: (req: Request) => (CLIENT_ROUTE.test(req.path) ? 'client route' : routeLabel(req)),
  };
  return createServiceApp(options, (app) => {
    app.use(securityHeaders);
    app.use(
      '/assets',
      express.static(path.join(deps.webDir, 'assets'), {
        index: false,
        immutable: true,
        maxAge: '1y',
      }),
    );
    app.get(CLIENT_ROUTE, (_req, res) => {
      res.set('cache-control', 'no-cache').type('html').send(indexHtml);
    });
  });
}

function readIndexHtml(webDir: string): string {
  try {
    return readFileSync(path.join(webDir, 'index.html'), 'utf8');
  } catch (err) {
    throw new Error(`no built web app in ${webDir} (run make build)`, { cause: err });
  }
}
