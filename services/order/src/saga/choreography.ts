import { CHARGE_REQUESTED, OUTCOME_STEP, cancelled, charging, confirmed } from './transitions';
import type { SagaStyle, Transition } from './transitions';

/*
 * Choreography (docs/saga.md): no commands. Each service reacts to the others' facts, and
 * each forward step has its compensation in the service that made it:
 *   reserve stock   inventory, on order.created      undone by inventory on order.cancelled
 *   charge payment  payment, on inventory.reserved   undone by payment on order.cancelled
 *   commit stock    inventory, on order.confirmed    (a confirmed order is never compensated)
 * The order service follows the outcomes and announces the final state.
 */

const outOfStock: Transition = (state, ctx) =>
  cancelled(state, 'OUT_OF_STOCK', [OUTCOME_STEP['inventory.rejected']], [], ctx);

// A payment outcome may overtake the reservation fact (different queues): it implies the
// reservation, so the history gets both.
const paid: Transition = (state, ctx) =>
  confirmed(state, [...CHARGE_REQUESTED, OUTCOME_STEP['payment.succeeded']], () => [], ctx);

const declined: Transition = (state, ctx) =>
  cancelled(
    state,
    'PAYMENT_DECLINED',
    [...CHARGE_REQUESTED, OUTCOME_STEP['payment.failed']],
    [],
    ctx,
  );

export const choreography: SagaStyle = {
  startMessages: () => [],

  whilePending: {
    reserving: {
      'inventory.reserved': (state, ctx) => charging(state, [], ctx),
      'inventory.rejected': outOfStock,
      'payment.succeeded': paid,
      'payment.failed': declined,
    },
    charging: {
      'inventory.rejected': outOfStock,
      'payment.succeeded': paid,
      'payment.failed': declined,
    },
  },

  // order.cancelled alone makes inventory release and payment refund.
  timeoutCompensations: () => [],

  // Inventory and payment compensate on order.cancelled, late or not.
  lateOnCancelled: () => [],
};
