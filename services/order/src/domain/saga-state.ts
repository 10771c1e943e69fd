import type { Order } from './order';

/** Where an order's saga is: waiting for the reservation, for the charge, or finished. */
export type SagaStage = 'reserving' | 'charging' | 'done';

/** The saga's part of an order, stored with it (docs/saga.md "The order's side"). */
export interface SagaState {
  readonly stage: SagaStage;
  /** When the current step times out (ISO-8601); null once the order is final. */
  readonly deadline: string | null;
  /** The test-card token the charge uses (never card data). */
  readonly paymentToken: string;
}

/** An order with its saga state: what the saga's decisions read and return. */
export interface OrderState {
  readonly order: Order;
  readonly saga: SagaState;
}
