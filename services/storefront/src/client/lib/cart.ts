import type { Product } from './api';
import { persistentStore, useStore } from './store';

export interface CartLine {
  readonly productId: string;
  readonly name: string;
  readonly category: string;
  /** Cents, as the catalog showed it; the order is priced by the shop at checkout. */
  readonly price: number;
  readonly quantity: number;
}

export const MAX_QUANTITY = 99;

/** The cart: kept across reloads, one line per product. */
export const cartStore = persistentStore<readonly CartLine[]>('shop.cart', []);

export function useCart(): readonly CartLine[] {
  return useStore(cartStore);
}

const clamp = (quantity: number) => Math.min(MAX_QUANTITY, Math.max(1, Math.floor(quantity)));

export function addToCart(product: Product, quantity: number): void {
  const lines = cartStore.get();
  const existing = lines.find((l) => l.productId === product.id);
  const line: CartLine = {
    productId: product.id,
    name: product.name,
    category: product.category,
    price: product.price,
    quantity: clamp((existing?.quantity ?? 0) + quantity),
  };
  cartStore.set(existing ? lines.map((l) => (l === existing ? line : l)) : [...lines, line]);
}

export function setQuantity(productId: string, quantity: number): void {
  if (!Number.isFinite(quantity)) return;
  const lines = cartStore.get();
  cartStore.set(
    lines.map((l) => (l.productId === productId ? { ...l, quantity: clamp(quantity) } : l)),
  );
}

export function removeFromCart(productId: string): void {
  cartStore.set(cartStore.get().filter((l) => l.productId !== productId));
}

export function clearCart(): void {
  cartStore.set([]);
}

export const cartCount = (lines: readonly CartLine[]) => lines.reduce((n, l) => n + l.quantity, 0);
export const cartTotal = (lines: readonly CartLine[]) =>
  lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
