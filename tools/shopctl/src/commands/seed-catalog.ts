/** The demo catalog: enough products to browse, search and filter. Prices in cents. */
const CATALOG: Array<[string, string, string, number]> = [
  ['Trail running shoes', 'Light grippy shoes for muddy mountain trails', 'shoes', 12900],
  ['Leather city boots', 'Waterproof boots that still look smart at the office', 'shoes', 18900],
  ['Canvas sneakers', 'Classic low-top sneakers in washed canvas', 'shoes', 5900],
  ['Merino hiking socks', 'Warm cushioned socks that do not itch', 'apparel', 1900],
  ['Rain shell jacket', 'Packable waterproof jacket with taped seams', 'apparel', 14900],
  ['Down vest', 'Ethically sourced down vest for cold mornings', 'apparel', 9900],
  ['Organic cotton tee', 'Soft everyday t-shirt made from organic cotton', 'apparel', 2500],
  ['Espresso machine', 'Fifteen-bar pump espresso machine with steam wand', 'kitchen', 34900],
  ['Burr coffee grinder', 'Conical burr grinder with forty grind settings', 'kitchen', 12900],
  ['Cast iron skillet', 'Pre-seasoned twelve-inch skillet that lasts a lifetime', 'kitchen', 4500],
  ['Chef knife', 'Eight-inch forged steel knife for precise cutting', 'kitchen', 8900],
  ['Copper kettle', 'Stovetop kettle that whistles when the water boils', 'kitchen', 5900],
  [
    'Noise-cancelling headphones',
    'Wireless over-ear headphones with thirty hours of battery',
    'electronics',
    29900,
  ],
  [
    'Mechanical keyboard',
    'Tenkeyless keyboard with hot-swappable tactile switches',
    'electronics',
    11900,
  ],
  ['USB-C charger', 'Sixty-five watt charger for laptops and phones', 'electronics', 3900],
  ['E-reader', 'Glare-free reader with warm light for late-night novels', 'electronics', 13900],
  ['Smart speaker', 'Compact speaker with rich sound and voice control', 'electronics', 9900],
  ['Brass reading lamp', 'Dimmable warm desk lamp in brushed brass', 'home', 7900],
  ['Linen bedding set', 'Stonewashed linen duvet cover and pillowcases', 'home', 15900],
  ['Wool throw blanket', 'Chunky knit blanket for the sofa', 'home', 8900],
  ['Ceramic plant pot', 'Glazed pot with drainage for indoor plants', 'home', 2900],
  ['Yoga mat', 'Non-slip natural rubber mat for yoga and stretching', 'sports', 6900],
  [
    'Adjustable dumbbells',
    'Pair of dumbbells adjustable from two to twenty kilograms',
    'sports',
    24900,
  ],
  ['Road bike helmet', 'Ventilated lightweight helmet with MIPS protection', 'sports', 10900],
];

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
  return body;
}

async function adminToken(
  gatewayUrl: string,
  admin: { email: string; password: string },
): Promise<string> {
  const { token } = await json<{ token: string }>(
    await fetch(`${gatewayUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    }),
  );
  return token;
}

/**
 * Logs in as the admin through the gateway and creates the demo catalog when it is empty.
 * Returns how many products it created, and whether inventory knows the catalog's stock
 * (not when the catalog was seeded by an older run that had no inventory service).
 */
export async function seedCatalog(
  gatewayUrl: string,
  admin: { email: string; password: string },
): Promise<{ created: number; stockKnown: boolean }> {
  const token = await adminToken(gatewayUrl, admin);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const existing = await json<{ total: number; items: Array<{ id: string }> }>(
    await fetch(`${gatewayUrl}/api/products?pageSize=1`),
  );
  if (existing.total > 0) {
    const stock = await fetch(`${gatewayUrl}/api/inventory/${existing.items[0]!.id}`, { headers });
    return { created: 0, stockKnown: stock.status !== 404 };
  }
  for (const [name, description, category, price] of CATALOG) {
    await json(
      await fetch(`${gatewayUrl}/api/products`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name, description, category, price, initialStock: 25 }),
      }),
    );
  }
  return { created: CATALOG.length, stockKnown: true };
}
