import type { EventBackbone } from '@shop/common';
import type { OrderSaga } from '../saga/order-saga';
import type { StepOutcomeType } from '../saga/transitions';

/** The saga's queue; also its consumer name for handled event ids. */
export const SAGA_QUEUE = 'order.saga';

/**
 * Everything the order service consumes: what inventory and payment did with its steps. The
 * same in both saga styles; in orchestration they answer the order's commands, in
 * choreography they are the facts the order follows (docs/saga.md).
 */
export const STEP_OUTCOMES = [
  'inventory.reserved',
  'inventory.rejected',
  'inventory.released',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
] as const satisfies readonly StepOutcomeType[];

/** Each outcome advances or annotates its order. */
export function subscribeSaga(bus: EventBackbone, saga: OrderSaga): void {
  const consumer = bus.consumer(SAGA_QUEUE);
  for (const type of STEP_OUTCOMES) consumer.subscribe(type, (event) => saga.applyOutcome(event));
}
