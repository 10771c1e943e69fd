import { isPublicRoute, type ServiceName } from '@shop/topology';
import type { SchemaName } from '../openapi/schemas';

/** Who may call a route: anyone, any signed-in user, or an admin. */
export type Access = 'public' | 'user' | 'admin';
type RouteLine = `${Method} /${string}`;
export type Method = 'GET' | 'POST' | 'PATCH';
/** Routes the gateway answers itself. */
export type LocalHandler = 'openapi' | 'dashboard';

export interface Param {
  readonly name: string;
  readonly in: 'query' | 'header';
  readonly type: 'string' | 'integer';
  readonly description: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** What the OpenAPI document says about a route. */
export interface RouteDoc {
  readonly summary: string;
  readonly params?: readonly Param[];
  readonly body?: SchemaName;
  /** The success answer: a named JSON schema, or a media type for other answers. */
  readonly ok: {
    readonly status: number;
    readonly schema?: SchemaName;
    readonly mediaType?: string;
  };
  /** Route-specific problem statuses, besides those every route of its kind has. */
  readonly problems?: readonly number[];
}

export interface RouteSpec {
  readonly method: Method;
  /** Express path pattern; proxied requests keep their path unchanged. */
  readonly path: string;
  readonly access: Access;
  readonly to: { readonly upstream: ServiceName } | { readonly local: LocalHandler };
  readonly doc: RouteDoc;
}

const upstream = (name: ServiceName) => ({ upstream: name });
const local = (name: LocalHandler) => ({ local: name });

/**
 * A route of the table. Whether it is public is the edge's decision (`isPublicRoute` of
 * @shop/topology, which the mesh's JWT policy follows too); any other route is for signed-in
 * users (`route`) or for admins (`adminRoute`).
 */
function route(line: RouteLine, to: RouteSpec['to'], doc: RouteDoc): RouteSpec {
  const [method, path] = line.split(' ') as [Method, string];
  return { method, path, access: isPublicRoute(method, path) ? 'public' : 'user', to, doc };
}

function adminRoute(line: RouteLine, to: RouteSpec['to'], doc: RouteDoc): RouteSpec {
  const spec = route(line, to, doc);
  if (spec.access === 'public') throw new Error(`${line} is public at the edge, not for admins`);
  return { ...spec, access: 'admin' };
}

const paging: readonly Param[] = [
  { name: 'page', in: 'query', type: 'integer', minimum: 1, description: 'page number, from 1' },
  {
    name: 'pageSize',
    in: 'query',
    type: 'integer',
    minimum: 1,
    maximum: 100,
    description: 'items per page (default 20)',
  },
];
const productQuery: readonly Param[] = [
  {
    name: 'q',
    in: 'query',
    type: 'string',
    description: 'full-text search over name and description',
  },
  { name: 'category', in: 'query', type: 'string', description: 'exact category' },
  ...paging,
];
const idempotencyKey: Param = {
  name: 'Idempotency-Key',
  in: 'header',
  type: 'string',
  description: 'the same key and body return the same order; another body with it is a 422',
};

/**
 * The public HTTP API (DESIGN.md): the router, the access checks and the OpenAPI document
 * are all derived from this one list.
 */
// prettier-ignore
export const ROUTES: readonly RouteSpec[] = [
  route('GET /', upstream('storefront'), { summary: 'The storefront web app (every other GET outside /api/ too)', ok: { status: 200, mediaType: 'text/html' } }),
  route('GET /api/openapi.json', local('openapi'), { summary: 'This OpenAPI 3.1 document', ok: { status: 200, mediaType: 'application/json' } }),
  route('GET /.well-known/jwks.json', upstream('user'), { summary: 'Public keys that verify access tokens (JWKS)', ok: { status: 200, schema: 'Jwks' } }),
  route('POST /api/auth/signup', upstream('user'), { summary: 'Create a customer account', body: 'SignupRequest', ok: { status: 201, schema: 'AuthResult' }, problems: [409] }),
  route('POST /api/auth/login', upstream('user'), { summary: 'Exchange credentials for a token', body: 'LoginRequest', ok: { status: 200, schema: 'AuthResult' }, problems: [401] }),
  route('GET /api/users/me', upstream('user'), { summary: 'The signed-in user', ok: { status: 200, schema: 'Me' } }),
  route('GET /api/products', upstream('product'), { summary: 'Search the catalog', params: productQuery, ok: { status: 200, schema: 'ProductPage' } }),
  route('GET /api/products/:id', upstream('product'), { summary: 'One product', ok: { status: 200, schema: 'Product' }, problems: [404] }),
  adminRoute('POST /api/products', upstream('product'), { summary: 'Create a product', body: 'CreateProduct', ok: { status: 201, schema: 'Product' } }),
  adminRoute('PATCH /api/products/:id', upstream('product'), { summary: 'Change a product', body: 'UpdateProduct', ok: { status: 200, schema: 'Product' }, problems: [404] }),
  adminRoute('GET /api/inventory/:productId', upstream('inventory'), { summary: 'Stock of a product', ok: { status: 200, schema: 'Stock' }, problems: [404] }),
  adminRoute('POST /api/inventory/:productId/restock', upstream('inventory'), { summary: 'Add stock', body: 'Restock', ok: { status: 200, schema: 'Stock' }, problems: [404] }),
  route('POST /api/orders', upstream('order'), { summary: 'Place an order (the saga starts)', params: [idempotencyKey], body: 'CreateOrder', ok: { status: 202, schema: 'Order' }, problems: [422] }),
  route('GET /api/orders', upstream('order'), { summary: 'My orders, newest first', params: paging, ok: { status: 200, schema: 'OrderPage' } }),
  route('GET /api/orders/:id', upstream('order'), { summary: 'One of my orders (admins: any)', ok: { status: 200, schema: 'Order' }, problems: [404] }),
  route('GET /api/orders/:id/events', upstream('order'), { summary: 'One of my orders, live (server-sent events): an `order` event with the order now, one per status or step change, the stream ending after the final state; `: heartbeat` comments in between', ok: { status: 200, mediaType: 'text/event-stream' }, problems: [404] }),
  route('GET /api/notifications', upstream('notification'), { summary: 'My notifications', ok: { status: 200, schema: 'NotificationList' } }),
  route('GET /api/dashboard', local('dashboard'), { summary: 'Profile, recent orders (5) and recommendations (4) in one answer; a failed orders or recommendations part is empty and named in `degraded`', ok: { status: 200, schema: 'Dashboard' }, problems: [503] }),
  adminRoute('GET /api/analytics/summary', upstream('analytics'), { summary: 'Order totals, revenue and top products', ok: { status: 200, schema: 'AnalyticsSummary' } }),
];
