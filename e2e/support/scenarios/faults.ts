import { waitFor } from '@shop/common/testing';
import { expectStatus, type ApiResponse, type Order, type ShopClient } from '../shop-api';
import type { ShopContext } from '../shop-context';

/** Crashes and silences in the middle of sagas: every order still ends, every invariant holds. */
export function faultScenarios(ctx: ShopContext): void {
  test('a payment step that never replies cancels the order with TIMEOUT and releases its stock', async () => {
    const kettle = await ctx.product(2500, 4);
    await ctx.shop.stack.kill('payment', 'SIGKILL');
    try {
      const order = await placeAndWait(ctx, kettle.id, 3);

      expect(order).toEqual(
        expect.objectContaining({ status: 'CANCELLED', failureReason: 'TIMEOUT' }),
      );
      await waitFor(async () => (await ctx.admin.stock(kettle.id)).available === 4, {
        timeoutMs: 10_000,
        what: 'the reservation to be released',
      });
      expect(await ctx.admin.stock(kettle.id)).toEqual(
        expect.objectContaining({ available: 4, reserved: 0 }),
      );
    } finally {
      await ctx.shop.stack.start('payment');
    }
    // The charge the dead payment service never answered is handled now: it must not survive.
    await ctx.expectInvariantsHold(30_000);
  });

  test('an inventory step that never replies cancels with TIMEOUT; the late reservation does not keep stock', async () => {
    const teapot = await ctx.product(1800, 4);
    await ctx.shop.stack.kill('inventory', 'SIGKILL');
    try {
      const order = await placeAndWait(ctx, teapot.id, 2);

      expect(order).toEqual(
        expect.objectContaining({ status: 'CANCELLED', failureReason: 'TIMEOUT' }),
      );
    } finally {
      await ctx.shop.stack.start('inventory');
    }
    // The reserve and its compensation now arrive together: the release must win.
    await ctx.expectInvariantsHold(30_000);
    expect(await ctx.admin.stock(teapot.id)).toEqual(
      expect.objectContaining({ available: 4, reserved: 0 }),
    );
  });

  test.each(['order', 'payment', 'inventory'])(
    'kill -9 of %s with 20 orders in flight, then a restart: every order ends and every invariant holds',
    async (victim) => {
      const [stock, customers] = await Promise.all([
        ctx.product(700, 15),
        Promise.all(Array.from({ length: 4 }, () => ctx.newCustomer())),
      ]);
      const productId = stock.id;

      const placing = Array.from({ length: 20 }, (_, i) =>
        customers[i % 4]!.placeOrder([{ productId, quantity: 1 }], tokenOf(i)),
      );
      // Half answered: sagas are under way and (for order) requests are still arriving.
      await firstOf(placing, 10);
      await ctx.shop.stack.kill(victim, 'SIGKILL');
      const answers = await Promise.all(placing);
      const pendingAtCrash = await pendingOrders(ctx, acceptedOrders(answers, customers));
      await ctx.shop.stack.start(victim);

      const accepted = acceptedOrders(answers, customers);
      expect(accepted.length).toBeGreaterThanOrEqual(10);
      expect(pendingAtCrash).toBeGreaterThan(0);
      const finals = await Promise.all(accepted.map(({ id, by }) => by.waitForFinal(id, 45_000)));
      // A declined card is never confirmed, whatever crashed; every cancellation says why.
      const declined = new Set(declinedIds(answers));
      expect(finals.filter((o) => declined.has(o.id) && o.status === 'CONFIRMED')).toEqual([]);
      expect(
        finals.filter(
          (o) => o.status === 'CANCELLED' && !CANCEL_REASONS.includes(o.failureReason ?? ''),
        ),
      ).toEqual([]);
      await ctx.expectInvariantsHold(30_000);
      // Orders stored just before the crash whose answer was lost count too: read the store.
      const sold = (await ctx.snapshot()).orders.filter(
        (o) => o.status === 'CONFIRMED' && o.items.some((i) => i.productId === productId),
      ).length;
      const { available, reserved } = await ctx.admin.stock(productId);
      expect({ available, reserved }).toEqual({ available: 15 - sold, reserved: 0 });
    },
  );

  test('a broker outage in the middle of 20 sagas delays them; every order ends and every invariant holds', async () => {
    const vase = await ctx.product(1200, 30);
    const placing = Array.from({ length: 20 }, () =>
      ctx.customer.placeOrder([{ productId: vase.id, quantity: 1 }]),
    );
    await firstOf(placing, 5);

    await ctx.shop.broker.cut();
    let answers: ReadonlyArray<ApiResponse<Order>>;
    try {
      // Orders are still taken: their events wait in the outbox.
      answers = await Promise.all(placing);
      await waitFor(
        async () => (await fetch(`${ctx.shop.stack.url('order')}/readyz`)).status === 503,
        {
          timeoutMs: 10_000,
          what: 'the order service to notice the outage',
        },
      );
    } finally {
      await ctx.shop.broker.restore();
    }

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    const finals = await Promise.all(
      answers.map((a) => ctx.customer.waitForFinal(a.body.id, 45_000)),
    );
    expect(finals.map((o) => o.status)).toEqual(Array(20).fill('CONFIRMED'));
    await ctx.expectInvariantsHold(30_000);
    expect(await ctx.admin.stock(vase.id)).toEqual(
      expect.objectContaining({ available: 10, reserved: 0 }),
    );
  });
}

const CANCEL_REASONS = ['OUT_OF_STOCK', 'PAYMENT_DECLINED', 'TIMEOUT'];

/** The kill test's cards: every fifth order is declined. */
const tokenOf = (i: number) => (i % 5 === 4 ? 'tok_chargeDeclined' : 'tok_visa');

function declinedIds(answers: ReadonlyArray<ApiResponse<Order>>): string[] {
  return answers.flatMap((res, i) =>
    res.status === 202 && tokenOf(i) === 'tok_chargeDeclined' ? [res.body.id] : [],
  );
}

async function placeAndWait(ctx: ShopContext, productId: string, quantity: number): Promise<Order> {
  const pending = expectStatus(await ctx.customer.placeOrder([{ productId, quantity }]), 202);
  return ctx.customer.waitForFinal(pending.id, 30_000);
}

/** Resolves once `count` of `promises` have settled. */
function firstOf(promises: ReadonlyArray<Promise<unknown>>, count: number): Promise<void> {
  let settled = 0;
  return new Promise((resolve) => {
    const one = () => ++settled === count && resolve();
    for (const p of promises) p.then(one, one);
  });
}

async function pendingOrders(
  ctx: ShopContext,
  orders: ReadonlyArray<{ id: string }>,
): Promise<number> {
  const ids = new Set(orders.map((o) => o.id));
  return (await ctx.snapshot()).orders.filter((o) => ids.has(o.id) && o.status === 'PENDING')
    .length;
}

/** The orders the order service accepted; a request cut by the crash may have none. */
function acceptedOrders(
  answers: ReadonlyArray<ApiResponse<Order>>,
  customers: readonly ShopClient[],
): Array<{ id: string; by: ShopClient }> {
  return answers.flatMap((res, i) =>
    res.status === 202 ? [{ id: res.body.id, by: customers[i % customers.length]! }] : [],
  );
}
