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

/** One schema per event type: validated on publish and on receive. */
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
} satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof contracts;
export type EventData<T extends EventType> = z.infer<(typeof contracts)[T]>;
