import { AppError, type Identity } from '@shop/common';
import type { Order } from '../domain/order';
import type { ListOrdersQuery } from '../domain/order-input';
import type { OrderStore, Page, StoredOrder } from '../store/order-store';

/** The caller's order; someone else's is as missing as a nonexistent one (admins see all). */
export async function getOrder(
  store: OrderStore,
  caller: Identity,
  id: string,
): Promise<StoredOrder> {
  const found = await store.get(id);
  if (!found || (found.order.userId !== caller.userId && caller.role !== 'admin')) {
    throw AppError.notFound(`order ${id} not found`);
  }
  return found;
}

/** The caller's own orders, newest first. */
export async function listOrders(
  store: OrderStore,
  caller: Identity,
  { page, pageSize }: ListOrdersQuery,
): Promise<Page<Order> & ListOrdersQuery> {
  const { items, total } = await store.listByUser(caller.userId, page, pageSize);
  return { items, total, page, pageSize };
}
