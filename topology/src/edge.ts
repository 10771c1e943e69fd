import type { ServiceName } from './services';

/** Access tokens: the user service signs them, the gateway and the mesh's edge verify them. */
export const JWT_ISSUER = 'shop';
export const JWT_AUDIENCE = 'shop';

/** The service that serves the JSON Web Key Set, and where. */
export const JWKS_SERVICE: ServiceName = 'user';
export const JWKS_PATH = '/.well-known/jwks.json';

export interface PublicApiRoute {
  readonly methods: readonly string[];
  /** Exact paths, or a prefix ending in `/*` (one or more path segments). */
  readonly paths: readonly string[];
}

/**
 * API routes anyone may call without a token, by method. Everything outside /api/ is public
 * to GET and HEAD. The gateway's route table and the ingress gateway's JWT policy both follow this.
 */
export const PUBLIC_API_ROUTES: readonly PublicApiRoute[] = [
  { methods: ['GET', 'HEAD'], paths: ['/api/products', '/api/products/*', '/api/openapi.json'] },
  { methods: ['POST'], paths: ['/api/auth/*'] },
];

/** Whether `method path` (a concrete or an Express-style path) needs no token. */
export function isPublicRoute(method: string, path: string): boolean {
  if (!path.startsWith('/api/')) return method === 'GET' || method === 'HEAD';
  return PUBLIC_API_ROUTES.some(
    (r) => r.methods.includes(method) && r.paths.some((pattern) => matches(pattern, path)),
  );
}

function matches(pattern: string, path: string): boolean {
  if (!pattern.endsWith('/*')) return pattern === path;
  const prefix = pattern.slice(0, -1);
  return path.startsWith(prefix) && path.length > prefix.length;
}
