import { routeLabel } from '@shop/common';
import type { ServiceName } from '@shop/topology';
import { Router, type Request, type RequestHandler } from 'express';
import { requireAccess } from '../auth/access';
import type { TokenVerifier } from '../auth/token-verifier';
import type { LocalHandler, RouteSpec } from './table';

export interface GatewayRouterDeps {
  readonly routes: readonly RouteSpec[];
  readonly verifier: TokenVerifier;
  readonly proxyFor: (upstream: ServiceName) => RequestHandler;
  readonly local: Readonly<Record<LocalHandler, RequestHandler>>;
  readonly bodyLimit: RequestHandler;
}

/**
 * Pages and assets of the web app: every path outside the API and the gateway's own
 * endpoints (which never reach the storefront, so its /metrics stays private too).
 */
const WEB_APP_PATH = /^\/(?!(api|\.well-known|metrics|healthz|readyz)(\/|$))/;
const WEB_APP_LABEL = '/{*web app}';

/**
 * One Express route per route of the table: label, access check, body limit, then its handler;
 * then every other GET outside the API goes to the storefront.
 */
export function gatewayRouter(deps: GatewayRouterDeps): Router {
  const router = Router();
  for (const route of deps.routes) {
    const handler =
      'upstream' in route.to ? deps.proxyFor(route.to.upstream) : deps.local[route.to.local];
    const method = route.method.toLowerCase() as 'get' | 'post' | 'patch';
    router[method](
      route.path,
      (_req, res, next) => {
        res.locals.route = route.path;
        next();
      },
      requireAccess(route.access, deps.verifier),
      deps.bodyLimit,
      handler,
    );
  }
  router.get(
    WEB_APP_PATH,
    (_req, res, next) => {
      res.locals.route = WEB_APP_LABEL;
      next();
    },
    deps.proxyFor('storefront'),
  );
  return router;
}

/** Metrics label: the declared route pattern, so label cardinality stays bounded. */
export function declaredRouteLabel(req: Request): string {
  const declared = req.res?.locals.route as string | undefined;
  return declared ?? routeLabel(req);
}
