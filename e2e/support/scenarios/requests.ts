import { randomUUID } from 'node:crypto';
import { expectStatus, ShopClient, type OrderItem } from '../shop-api';
import type { ShopContext } from '../shop-context';

/** Bad requests are refused at the door; orders are private to their customer. */
export function requestScenarios(ctx: ShopContext): void {
  let productId: string;
  beforeAll(async () => {
    productId = (await ctx.product(100, 1000)).id;
  });

  const visa = { token: 'tok_visa' };
  // DESIGN.md: a malformed order is a 400, an unknown product a 422; a body over the limit a 413.
  const invalid: Array<[string, number, () => unknown]> = [
    ['no items', 400, () => ({ items: [], payment: visa })],
    ['a quantity of 0', 400, () => ({ items: [{ productId, quantity: 0 }], payment: visa })],
    ['a negative quantity', 400, () => ({ items: [{ productId, quantity: -1 }], payment: visa })],
    [
      'an unknown product',
      422,
      () => ({ items: [{ productId: randomUUID(), quantity: 1 }], payment: visa }),
    ],
    ['101 items', 400, () => ({ items: manyItems(productId, 101), payment: visa })],
    ['10,000 items', 413, () => ({ items: manyItems(productId, 10_000), payment: visa })],
    ['no payment token', 400, () => ({ items: [{ productId, quantity: 1 }] })],
    [
      'an empty payment token',
      400,
      () => ({ items: [{ productId, quantity: 1 }], payment: { token: '' } }),
    ],
    [
      'an unknown payment token',
      400,
      () => ({ items: [{ productId, quantity: 1 }], payment: { token: 'tok_bogus' } }),
    ],
    ['no JSON object', 400, () => 'not an order'],
  ];

  test.each(invalid)(
    'an order with %s is refused with a %i problem and nothing is stored',
    async (_what, status, body) => {
      const customer = await ctx.newCustomer();

      const res = await customer.request('POST', '/api/orders', body());

      expect(res.status).toBe(status);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body).toEqual(expect.objectContaining({ status, title: expect.any(String) }));
      const mine = expectStatus(await customer.request('GET', '/api/orders'), 200);
      expect(mine.total).toBe(0);
    },
  );

  test('prices come from the catalog: a price sent by the client is a 400', async () => {
    const items = [{ productId, quantity: 2, unitPrice: 1 }];

    const res = await ctx.customer.request('POST', '/api/orders', {
      items,
      payment: visa,
      total: 2,
    });

    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
  });

  test('an anonymous caller gets a 401 problem and no order is stored', async () => {
    const before = (await ctx.snapshot()).orders.length;
    const anonymous = new ShopClient(ctx.shop.gatewayUrl);

    const res = await anonymous.placeOrder([{ productId, quantity: 1 }]);

    expect(res.status).toBe(401);
    expect(res.contentType).toContain('application/problem+json');
    expect((await ctx.snapshot()).orders.length).toBe(before);
  });

  test("another customer's order is a 404; GET /api/orders lists only the caller's orders, newest first", async () => {
    const [ann, bob] = [await ctx.newCustomer(), await ctx.newCustomer()];
    const first = expectStatus(await ann.placeOrder([{ productId, quantity: 1 }]), 202);
    const second = expectStatus(await ann.placeOrder([{ productId, quantity: 2 }]), 202);
    const bobs = expectStatus(await bob.placeOrder([{ productId, quantity: 1 }]), 202);

    const peek = await bob.request('GET', `/api/orders/${first.id}`);
    const annList = expectStatus(await ann.request('GET', '/api/orders'), 200);
    const bobList = expectStatus(await bob.request('GET', '/api/orders'), 200);

    expect(peek.status).toBe(404);
    expect(peek.contentType).toContain('application/problem+json');
    expect(annList.items.map((o: { id: string }) => o.id)).toEqual([second.id, first.id]);
    expect(annList.total).toBe(2);
    expect(bobList.items.map((o: { id: string }) => o.id)).toEqual([bobs.id]);
    expect(expectStatus(await ctx.admin.request('GET', `/api/orders/${first.id}`), 200).id).toBe(
      first.id,
    );
  });
}

function manyItems(productId: string, count: number): OrderItem[] {
  return Array.from({ length: count }, () => ({ productId, quantity: 1 }));
}
