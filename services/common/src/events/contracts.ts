import type { EventType } from '@shop/topology';
import { z } from 'zod';

const id = z.string().min(1).max(100);
const cents = z.number().int().nonnegative();

const productFields = {
  productId: id,
  name: z.string(),
  description: z.string(),
  category: z.string(),
  price: cents,
  currency: z.literal('USD'),
  /** Increases by one with every change of the product; the read side applies newer only. */
  version: z.number().int().positive(),
};

const orderItem = z.object({
  productId: id,
  name: z.string(),
  unitPrice: cents,
  quantity: z.number().int().positive(),
});
const stockLine = z.object({ productId: id, quantity: z.number().int().positive() });
const orderRef = { orderId: id };

/**
 * One schema per message type (`EventType`, the topology's list of names: a name without a
 * schema or a schema without a name does not compile), validated on publish and on receive. Facts are past tense
 * (`payment.failed`); saga commands are imperative (`payment.charge`). Both saga styles use
 * the same facts; orchestration adds the commands (each forward step names its compensation:
 * reserve_stock -> release_stock, charge -> refund).
 */
export const contracts = {
  'user.registered': z.object({
    userId: id,
    name: z.string(),
    email: z.email(),
    role: z.enum(['customer', 'admin']),
  }),
  'product.created': z.object({
    ...productFields,
    /** Carried until the inventory service owns stock. */
    initialStock: z.number().int().nonnegative(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  }),
  'product.updated': z.object({
    ...productFields,
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  }),
  'inventory.stock_changed': z.object({
    productId: id,
    available: z.number().int().nonnegative(),
    reserved: z.number().int().nonnegative(),
    /** Monotonic per product, so a late event never overwrites a newer level. */
    version: z.number().int().positive(),
  }),
  'order.created': z.object({
    ...orderRef,
    userId: id,
    items: z.array(orderItem).min(1),
    total: cents,
    currency: z.literal('USD'),
    payment: z.object({ token: z.string().min(1).max(100) }),
  }),
  'order.confirmed': z.object({ ...orderRef, userId: id, items: z.array(orderItem), total: cents }),
  'order.cancelled': z.object({
    ...orderRef,
    userId: id,
    items: z.array(orderItem),
    total: cents,
    reason: z.enum(['OUT_OF_STOCK', 'PAYMENT_DECLINED', 'TIMEOUT']),
  }),
  'inventory.reserved': z.object({ ...orderRef, items: z.array(stockLine) }),
  'inventory.rejected': z.object({ ...orderRef, reason: z.literal('OUT_OF_STOCK') }),
  'inventory.released': z.object({ ...orderRef }),
  'payment.succeeded': z.object({ ...orderRef, paymentId: id, amount: cents }),
  'payment.failed': z.object({ ...orderRef, reason: z.literal('PAYMENT_DECLINED') }),
  'payment.refunded': z.object({ ...orderRef, paymentId: id.optional(), amount: cents }),
  // Orchestration commands (order -> inventory / payment).
  'inventory.reserve_stock': z.object({ ...orderRef, items: z.array(stockLine).min(1) }),
  'inventory.release_stock': z.object({ ...orderRef }),
  'inventory.commit_stock': z.object({ ...orderRef }),
  'payment.charge': z.object({
    ...orderRef,
    userId: id,
    amount: cents,
    currency: z.literal('USD'),
    token: z.string().min(1).max(100),
  }),
  'payment.refund': z.object({ ...orderRef }),
} satisfies Record<EventType, z.ZodType>;

export type { EventType };
export type EventData<T extends EventType> = z.infer<(typeof contracts)[T]>;
