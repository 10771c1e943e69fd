import type { EventData } from '@shop/common';

export type OrderItem = EventData<'order.confirmed'>['items'][number];

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Integer cents as `$1,234.50`. */
export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

/** The first block of an order id, enough to tell orders apart in a subject line. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Text for a header: no line breaks, bounded length. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `2 × Copper kettle  $59.98` per item, for the text bodies. */
export function itemLines(items: readonly OrderItem[]): string {
  return items
    .map((i) => `  ${i.quantity} × ${oneLine(i.name)}  ${formatCents(i.unitPrice * i.quantity)}`)
    .join('\n');
}
