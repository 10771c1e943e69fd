/**
 * The name of every message on the bus: facts in the past tense (`payment.failed`), saga
 * commands in the imperative (`payment.charge`). The contracts (`@shop/common`'s `contracts`)
 * hold one schema per name and are checked against this list, so the two cannot drift.
 */
export const EVENT_TYPES = [
  'user.registered',
  'product.created',
  'product.updated',
  'inventory.stock_changed',
  'order.created',
  'order.confirmed',
  'order.cancelled',
  'inventory.reserved',
  'inventory.rejected',
  'inventory.released',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'inventory.reserve_stock',
  'inventory.release_stock',
  'inventory.commit_stock',
  'payment.charge',
  'payment.refund',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
