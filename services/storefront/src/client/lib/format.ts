const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** Integer cents as dollars, e.g. 2500 -> "$25.00". */
export const money = (cents: number) => usd.format(cents / 100);

export const when = (iso: string) => date.format(new Date(iso));

/** "kitchen" -> "Kitchen". */
export const titleCase = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Dollars typed in a form ("12.5") as integer cents, or NaN. */
export const centsOf = (dollars: string) => Math.round(Number(dollars) * 100);
