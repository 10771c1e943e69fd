import { expectStatus } from '../shop-api';
import type { ShopContext } from '../shop-context';

/** The saga's outcomes as a customer sees them, each checked against the stores too. */
export function placementScenarios(ctx: ShopContext): void {
  const chargesOf = async (orderId: string) =>
    (await ctx.snapshot()).payments.find((p) => p.orderId === orderId) ?? {
      charges: [],
      refunds: [],
    };

  test('with tok_visa the order is confirmed, stock decreases and the catalog total is charged once', async () => {
    const mug = await ctx.product(1250, 10);
    const tea = await ctx.product(799, 5);
    const placed = await ctx.customer.placeOrder([
      { productId: mug.id, quantity: 2 },
      { productId: tea.id, quantity: 1 },
    ]);
    const pending = expectStatus(placed, 202);
    expect(pending.status).toBe('PENDING');
    expect(pending.total).toBe(2 * 1250 + 799);

    const order = await ctx.customer.waitForFinal(pending.id);

    expect(order.status).toBe('CONFIRMED');
    expect(order.steps.map((s) => `${s.name}:${s.status}`)).toEqual(
      expect.arrayContaining(['reserve_stock:succeeded', 'charge_payment:succeeded']),
    );
    expect(order.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ productId: mug.id, unitPrice: 1250, quantity: 2 }),
        expect.objectContaining({ productId: tea.id, unitPrice: 799, quantity: 1 }),
      ]),
    );
    await ctx.expectInvariantsHold(); // the stock is committed after the confirmation
    expect(await ctx.admin.stock(mug.id)).toEqual(
      expect.objectContaining({ available: 8, reserved: 0 }),
    );
    expect(await ctx.admin.stock(tea.id)).toEqual(
      expect.objectContaining({ available: 4, reserved: 0 }),
    );
    expect(await chargesOf(order.id)).toEqual(
      expect.objectContaining({ charges: [3299], refunds: [] }),
    );
  });

  test('a product is orderable right after its 201, and a new price reaches the very next order', async () => {
    const input = { name: 'e2e fresh kettle', description: 'new', category: 'e2e', price: 2100 };
    const created = await ctx.admin.request('POST', '/api/products', { ...input, initialStock: 5 });
    const { id: productId } = expectStatus<{ id: string }>(created, 201);

    const first = expectStatus(await ctx.customer.placeOrder([{ productId, quantity: 1 }]), 202);
    const patched = await ctx.admin.request('PATCH', `/api/products/${productId}`, { price: 2500 });
    expectStatus(patched, 200);
    const second = expectStatus(await ctx.customer.placeOrder([{ productId, quantity: 1 }]), 202);

    expect([first.total, second.total]).toEqual([2100, 2500]);
    expect(second.items).toEqual([
      expect.objectContaining({ productId, name: input.name, unitPrice: 2500, quantity: 1 }),
    ]);
    const finals = await Promise.all([first, second].map((o) => ctx.customer.waitForFinal(o.id)));
    expect(finals.map((o) => [o.status, o.total])).toEqual([
      ['CONFIRMED', 2100],
      ['CONFIRMED', 2500],
    ]);
  });

  test('with tok_chargeDeclined the order is cancelled with PAYMENT_DECLINED, stock restored, nothing charged', async () => {
    const lamp = await ctx.product(4000, 3);
    const pending = expectStatus(
      await ctx.customer.placeOrder([{ productId: lamp.id, quantity: 2 }], 'tok_chargeDeclined'),
      202,
    );

    const order = await ctx.customer.waitForFinal(pending.id);

    expect(order).toEqual(
      expect.objectContaining({ status: 'CANCELLED', failureReason: 'PAYMENT_DECLINED' }),
    );
    await ctx.expectInvariantsHold();
    expect(await ctx.admin.stock(lamp.id)).toEqual(
      expect.objectContaining({ available: 3, reserved: 0 }),
    );
    const { charges, refunds } = await chargesOf(order.id);
    expect(sum(charges) - sum(refunds)).toBe(0);
  });

  test('more than the stock: cancelled with OUT_OF_STOCK and never charged', async () => {
    const vase = await ctx.product(2000, 2);
    const pending = expectStatus(
      await ctx.customer.placeOrder([{ productId: vase.id, quantity: 3 }]),
      202,
    );

    const order = await ctx.customer.waitForFinal(pending.id);

    expect(order).toEqual(
      expect.objectContaining({ status: 'CANCELLED', failureReason: 'OUT_OF_STOCK' }),
    );
    expect(await ctx.admin.stock(vase.id)).toEqual(
      expect.objectContaining({ available: 2, reserved: 0 }),
    );
    expect((await chargesOf(order.id)).charges).toEqual([]);
  });

  test('50 concurrent orders of one unit against a stock of 10: exactly 10 confirmed, 40 cancelled', async () => {
    const drop = await ctx.product(500, 10);
    const buyers = await Promise.all(Array.from({ length: 5 }, () => ctx.newCustomer()));

    const placed = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        buyers[i % 5]!.placeOrder([{ productId: drop.id, quantity: 1 }]),
      ),
    );
    const finals = await Promise.all(
      placed.map((res, i) => buyers[i % 5]!.waitForFinal(expectStatus(res, 202).id, 30_000)),
    );

    const confirmed = finals.filter((o) => o.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(10);
    expect(
      finals.filter((o) => o.status === 'CANCELLED' && o.failureReason === 'OUT_OF_STOCK'),
    ).toHaveLength(40);
    await ctx.expectInvariantsHold();
    expect(await ctx.admin.stock(drop.id)).toEqual(
      expect.objectContaining({ available: 0, reserved: 0 }),
    );
    const payments = (await ctx.snapshot()).payments.filter((p) =>
      finals.some((o) => o.id === p.orderId),
    );
    expect(payments.flatMap((p) => p.charges)).toEqual(Array(10).fill(500));
  });

  test('a restock makes more units available: orders beyond the first stock are confirmed', async () => {
    const lamp = await ctx.product(3000, 1);
    const first = expectStatus(
      await ctx.customer.placeOrder([{ productId: lamp.id, quantity: 1 }]),
      202,
    );
    expect((await ctx.customer.waitForFinal(first.id)).status).toBe('CONFIRMED');

    const restocked = await ctx.admin.request('POST', `/api/inventory/${lamp.id}/restock`, {
      quantity: 2,
    });
    const second = expectStatus(
      await ctx.customer.placeOrder([{ productId: lamp.id, quantity: 2 }]),
      202,
    );

    expect(restocked.status).toBe(200);
    expect(restocked.body).toEqual(expect.objectContaining({ available: 2 }));
    expect((await ctx.customer.waitForFinal(second.id)).status).toBe('CONFIRMED');
    await ctx.expectInvariantsHold();
    expect(await ctx.admin.stock(lamp.id)).toEqual(
      expect.objectContaining({ available: 0, reserved: 0 }),
    );
  });
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
