import type { Param, RouteDoc, RouteSpec } from '../routes/table';
import { componentSchemas } from './schemas';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemContent = { 'application/problem+json': { schema: ref('Problem') } };

const PROBLEMS: Record<number, { description: string; headers?: Json }> = {
  400: { description: 'Invalid input; `errors` lists the field problems' },
  401: {
    description: 'Missing, invalid or expired token',
    headers: {
      'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer challenge' },
    },
  },
  403: { description: 'Signed in without the role this route needs' },
  404: { description: 'Not found' },
  409: { description: 'Conflicts with existing data' },
  413: { description: 'Request body larger than the gateway accepts' },
  422: { description: 'Well-formed but not acceptable' },
  429: {
    description: 'Rate limit exceeded',
    headers: Object.fromEntries(
      ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'].map((h) => [
        h,
        { schema: { type: 'integer' } },
      ]),
    ),
  },
  501: { description: 'Not available yet' },
  502: { description: 'The upstream service failed or could not be reached' },
  503: { description: 'The upstream service has no instance available' },
  504: { description: 'The upstream service did not answer in time' },
};

/** `/api/products/:id` -> `/api/products/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** The OpenAPI 3.1 document of `routes`. */
export function buildOpenApiDocument(routes: readonly RouteSpec[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Shop API',
      version: '1.0.0',
      description: 'The public API of Shop, served by its gateway. Errors are RFC 9457 problems.',
    },
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      responses: Object.fromEntries(
        Object.entries(PROBLEMS).map(([status, p]) => [
          `Problem${status}`,
          { ...p, content: problemContent },
        ]),
      ),
    },
  };
}

function operation(route: RouteSpec): Json {
  const { doc } = route;
  return {
    operationId: operationId(route),
    summary: doc.summary,
    tags: ['upstream' in route.to ? route.to.upstream : 'gateway'],
    ...(route.access === 'public' ? {} : { security: [{ bearerAuth: [] }] }),
    parameters: [...pathParams(route.path), ...(doc.params ?? []).map(parameter)],
    ...(doc.body && {
      requestBody: { required: true, content: { 'application/json': { schema: ref(doc.body) } } },
    }),
    responses: {
      [doc.ok.status]: success(doc.ok),
      ...Object.fromEntries(
        problemStatuses(route).map((s) => [s, { $ref: `#/components/responses/Problem${s}` }]),
      ),
    },
  };
}

/** Statuses a route can answer with a problem, from what it is and what it says about itself. */
export function problemStatuses(route: RouteSpec): number[] {
  const statuses = new Set([...(route.doc.problems ?? []), 429]);
  if ('upstream' in route.to) [400, 502, 503, 504].forEach((s) => statuses.add(s));
  if (route.doc.body) statuses.add(400).add(413);
  if (route.access !== 'public') statuses.add(401);
  if (route.access === 'admin') statuses.add(403);
  return [...statuses].sort((a, b) => a - b);
}

function success(ok: RouteDoc['ok']): Json {
  if (ok.schema) {
    return { description: 'Success', content: { 'application/json': { schema: ref(ok.schema) } } };
  }
  const schema = ok.mediaType?.startsWith('text/') ? { type: 'string' } : { type: 'object' };
  return { description: 'Success', content: { [ok.mediaType ?? 'application/json']: { schema } } };
}

function pathParams(expressPath: string): Json[] {
  return [...expressPath.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  }));
}

function parameter({ name, in: location, type, description, minimum, maximum }: Param): Json {
  return { name, in: location, description, schema: { type, minimum, maximum } };
}

function operationId({ method, path }: RouteSpec): string {
  const words = path
    .split(/[/.-]/)
    .filter((w) => w && w !== 'api')
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w))
    .flatMap((w) => w.split('-'));
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') || 'Storefront';
  return method.toLowerCase() + name;
}
