import { randomUUID } from 'node:crypto';
import { expectStatus, type ShopClient } from '../shop-api';
import type { ShopContext } from '../shop-context';

/** Idempotency-Key: a retried request makes no second order and no second charge. */
export function idempotencyScenarios(ctx: ShopContext): void {
  const ordersOf = async (productId: string) =>
    (await ctx.snapshot()).orders.filter((o) => o.items.some((i) => i.productId === productId));
  const chargesOf = async (orderId: string) =>
    (await ctx.snapshot()).payments.find((p) => p.orderId === orderId)?.charges ?? [];

  test('the same key and body twice make one order and one charge; another body is a 422', async () => {
    const pen = await ctx.product(300, 10);
    const key = randomUUID();
    const items = [{ productId: pen.id, quantity: 1 }];

    const first = expectStatus(await ctx.customer.placeOrder(items, 'tok_visa', key), 202);
    const again = await ctx.customer.placeOrder(items, 'tok_visa', key);
    const other = await ctx.customer.placeOrder(
      [{ productId: pen.id, quantity: 2 }],
      'tok_visa',
      key,
    );

    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.id);
    expect(other.status).toBe(422);
    expect(other.contentType).toContain('application/problem+json');
    await ctx.customer.waitForFinal(first.id);
    await ctx.expectInvariantsHold();
    expect((await ordersOf(pen.id)).map((o) => o.id)).toEqual([first.id]);
    expect(await chargesOf(first.id)).toEqual([300]);
    expect(await ctx.admin.stock(pen.id)).toEqual(expect.objectContaining({ available: 9 }));
  });

  test('the same key sent five times at once (a client retrying) still makes one order', async () => {
    const cup = await ctx.product(450, 10);
    const key = randomUUID();

    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        ctx.customer.placeOrder([{ productId: cup.id, quantity: 1 }], 'tok_visa', key),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(202));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    await ctx.customer.waitForFinal([...ids][0]!);
    await ctx.expectInvariantsHold();
    expect(await ordersOf(cup.id)).toHaveLength(1);
    expect(await chargesOf([...ids][0]!)).toEqual([450]);
  });

  test('a key is the caller’s own: another customer using the same key gets an order of their own', async () => {
    const bowl = await ctx.product(650, 10);
    const key = randomUUID();
    const items = [{ productId: bowl.id, quantity: 1 }];
    const other: ShopClient = await ctx.newCustomer();

    const mine = expectStatus(await ctx.customer.placeOrder(items, 'tok_visa', key), 202);
    const theirs = expectStatus(await other.placeOrder(items, 'tok_visa', key), 202);

    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.userId).toBe(other.userId);
    await Promise.all([ctx.customer.waitForFinal(mine.id), other.waitForFinal(theirs.id)]);
    expect(await ordersOf(bowl.id)).toHaveLength(2);
  });
}
