import { REPLY_TYPES } from '../domain/saga';
import type { OrderSaga } from '../saga/order-saga';
import type { OrderBus } from './bus';

/** The saga's queue; also its consumer name for handled event ids. */
export const SAGA_QUEUE = 'order.saga';

/**
 * Everything the order service consumes, in both saga styles: the replies and facts of
 * inventory and payment (docs/saga.md). Each one advances or annotates its order.
 */
export function subscribeSaga(bus: OrderBus, saga: OrderSaga): void {
  const consumer = bus.consumer(SAGA_QUEUE);
  for (const type of REPLY_TYPES) consumer.subscribe(type, (event) => saga.handleReply(event));
}
