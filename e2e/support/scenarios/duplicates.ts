import { expectStatus } from '../shop-api';
import type { ShopContext } from '../shop-context';

/** Run on a stack whose every consumer receives each message twice (EVENT_DUPLICATE_DELIVERY). */
export function duplicateDeliveryScenarios(ctx: ShopContext): void {
  test('every message delivered twice: the same outcomes, one charge per confirmed order, every invariant holds', async () => {
    const [scarce, plenty] = [await ctx.product(900, 5), await ctx.product(450, 100)];
    const buyers = await Promise.all(Array.from({ length: 3 }, () => ctx.newCustomer()));
    const orders = [
      ...Array.from({ length: 12 }, () => ({ productId: scarce.id, token: 'tok_visa' })),
      ...Array.from({ length: 6 }, () => ({ productId: plenty.id, token: 'tok_visa' })),
      ...Array.from({ length: 4 }, () => ({ productId: plenty.id, token: 'tok_chargeDeclined' })),
    ];

    const placed = await Promise.all(
      orders.map((o, i) =>
        buyers[i % 3]!.placeOrder([{ productId: o.productId, quantity: 1 }], o.token),
      ),
    );
    const finals = await Promise.all(
      placed.map((res, i) => buyers[i % 3]!.waitForFinal(expectStatus(res, 202).id, 30_000)),
    );

    const outcome = (productId: string, token: string) =>
      finals
        .filter((_, i) => orders[i]!.productId === productId && orders[i]!.token === token)
        .map((o) => o.failureReason ?? o.status)
        .sort();
    expect(outcome(scarce.id, 'tok_visa')).toEqual([
      ...Array(5).fill('CONFIRMED'),
      ...Array(7).fill('OUT_OF_STOCK'),
    ]);
    expect(outcome(plenty.id, 'tok_visa')).toEqual(Array(6).fill('CONFIRMED'));
    expect(outcome(plenty.id, 'tok_chargeDeclined')).toEqual(Array(4).fill('PAYMENT_DECLINED'));
    await ctx.expectInvariantsHold();
    expect(await ctx.admin.stock(scarce.id)).toEqual(
      expect.objectContaining({ available: 0, reserved: 0 }),
    );
    expect(await ctx.admin.stock(plenty.id)).toEqual(
      expect.objectContaining({ available: 94, reserved: 0 }),
    );
  });
}
