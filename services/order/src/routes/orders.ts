import { AppError, parseInput, requireUser, type Identity } from '@shop/common';
import { Router, type Request } from 'express';
import { publicOrder } from '../domain/order';
import { idempotencyKey, listOrdersQuery, orderId, placeOrderInput } from '../domain/order-input';
import { streamOrder, type OrderStreamOptions } from '../live/order-stream';
import { placeOrder, type PlaceOrderDeps } from '../use-cases/place-order';
import { getOrder, listOrders } from '../use-cases/read-orders';

const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * `POST /api/orders` (202, the saga runs after), `GET /api/orders`, `GET /api/orders/:id` and
 * its live `GET /api/orders/:id/events`.
 */
export function orderRoutes(deps: PlaceOrderDeps, live: OrderStreamOptions): Router {
  const router = Router();

  router.post('/api/orders', async (req, res) => {
    const caller: Identity = requireUser(req);
    const key = idempotencyKeyOf(req);
    const input = parseInput(placeOrderInput, req.body);
    const { order, replayed } = await placeOrder(deps, caller, input, key);
    if (replayed) res.set('idempotent-replayed', 'true');
    res.status(202).location(`/api/orders/${order.id}`).json(publicOrder(order));
  });

  router.get('/api/orders', async (req, res) => {
    const caller = requireUser(req);
    const page = await listOrders(
      deps.store,
      caller,
      parseInput(listOrdersQuery, req.query, 'query'),
    );
    res.json({ ...page, items: page.items.map(publicOrder) });
  });

  router.get('/api/orders/:id', async (req, res) => {
    const order = await getOrder(deps.store, requireUser(req), orderIdOf(req));
    res.json(publicOrder(order.order));
  });

  router.get('/api/orders/:id/events', async (req, res) => {
    streamOrder(res, await getOrder(deps.store, requireUser(req), orderIdOf(req)), live);
  });

  return router;
}

function orderIdOf(req: Request): string {
  const id = orderId.safeParse(req.params.id);
  // A malformed id cannot name an order: 404, as for any order the caller cannot see.
  if (!id.success) throw AppError.notFound(`order ${String(req.params.id)} not found`);
  return id.data;
}

function idempotencyKeyOf(req: Request): string | undefined {
  const value = req.header(IDEMPOTENCY_HEADER);
  if (value === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(value);
  if (parsed.success) return parsed.data;
  throw AppError.badRequest('invalid Idempotency-Key header', [
    { field: 'Idempotency-Key', message: parsed.error.issues[0]?.message ?? 'invalid' },
  ]);
}
