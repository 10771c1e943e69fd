import { AppError, createHttpClient, IDENTITY_HEADERS, type Identity } from '@shop/common';
import type { ServiceName } from '@shop/topology';
import { z } from 'zod';
import type { UpstreamResolver } from '../proxy/resolver';

const RECENT_ORDERS = 5;
const RECOMMENDATIONS = 4;

/** One part's calls, all within the part's deadline. */
export interface PartContext {
  readonly identity: Identity;
  readonly resolver: UpstreamResolver;
  /** Epoch ms by which the part must be done. */
  readonly deadline: number;
}

const user = z.looseObject({ id: z.string() });
const orderPage = z.looseObject({ items: z.array(z.unknown()) });
const recommendationList = z.looseObject({
  items: z.array(z.looseObject({ productId: z.string().min(1) })),
});
const product = z.looseObject({ id: z.string() });

export type Json = Record<string, unknown>;

/** The caller's profile (`GET /api/users/me`). */
export async function fetchUser(ctx: PartContext): Promise<Json> {
  return (await getJson(ctx, 'user', '/api/users/me', user)) as Json;
}

/** The caller's newest orders (`GET /api/orders`, newest first). */
export async function fetchRecentOrders(ctx: PartContext): Promise<unknown[]> {
  const page = await getJson(ctx, 'order', `/api/orders?pageSize=${RECENT_ORDERS}`, orderPage);
  return page.items.slice(0, RECENT_ORDERS);
}

/**
 * The analytics service's picks for the caller, as Products from the catalog; a product that
 * no longer exists is left out.
 */
export async function fetchRecommendations(ctx: PartContext): Promise<Json[]> {
  const query = `userId=${encodeURIComponent(ctx.identity.userId)}&limit=${RECOMMENDATIONS}`;
  const picks = await getJson(
    ctx,
    'analytics',
    `/api/analytics/recommendations?${query}`,
    recommendationList,
  );
  const products = await Promise.all(
    picks.items.slice(0, RECOMMENDATIONS).map((p) => getProduct(ctx, p.productId)),
  );
  return products.filter((p) => p !== undefined);
}

async function getJson<S extends z.ZodType>(
  ctx: PartContext,
  upstream: ServiceName,
  path: string,
  schema: S,
): Promise<z.infer<S>> {
  return parseAnswer(upstream, schema, await get(ctx, upstream, path));
}

/** The product, or undefined when the catalog no longer has it. */
async function getProduct(ctx: PartContext, id: string): Promise<Json | undefined> {
  const answer = await get(ctx, 'product', `/api/products/${encodeURIComponent(id)}`);
  return answer.status === 404 ? undefined : parseAnswer('product', product, answer);
}

function get(ctx: PartContext, upstream: ServiceName, path: string) {
  const timeoutMs = ctx.deadline - Date.now();
  if (timeoutMs <= 0) throw new AppError('upstream_timeout', 504, `no time left for ${upstream}`);
  const client = createHttpClient({ baseUrl: ctx.resolver.resolve(upstream), timeoutMs });
  return client.request('GET', path, { headers: identityHeaders(ctx.identity) });
}

function parseAnswer<S extends z.ZodType>(
  upstream: ServiceName,
  schema: S,
  answer: { status: number; body: unknown },
): z.infer<S> {
  if (answer.status !== 200) {
    throw new AppError('upstream_failed', 502, `${upstream} answered ${answer.status}`);
  }
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new AppError('upstream_failed', 502, `${upstream} answered nonsense`);
  return parsed.data;
}

function identityHeaders(identity: Identity): Record<string, string> {
  return {
    [IDENTITY_HEADERS.userId]: identity.userId,
    [IDENTITY_HEADERS.role]: identity.role,
    [IDENTITY_HEADERS.email]: identity.email,
  };
}
