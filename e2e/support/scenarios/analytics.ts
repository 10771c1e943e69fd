import { waitFor } from '@shop/common/testing';
import type { ShopContext } from '../shop-context';

interface Summary {
  orders: { total: number; confirmed: number; cancelled: number };
  revenue: number;
}

/**
 * Analytics, fed by the order log (EVENT_STREAM: the RabbitMQ stream or the Kafka topic), ends
 * up with exactly what the order store holds: every order counted once, whatever the scenarios
 * before did to the broker and the processes.
 */
export function analyticsScenarios(ctx: ShopContext): void {
  test('the analytics summary, read from the order log, agrees with the order store', async () => {
    await ctx.expectInvariantsHold(); // every saga has settled
    const { orders } = await ctx.snapshot();
    const confirmed = orders.filter((o) => o.status === 'CONFIRMED');
    const expected: Summary = {
      orders: {
        total: orders.length,
        confirmed: confirmed.length,
        cancelled: orders.filter((o) => o.status === 'CANCELLED').length,
      },
      revenue: confirmed.reduce((sum, o) => sum + o.total, 0),
    };
    expect(expected.orders.confirmed).toBeGreaterThan(0);
    let last: Summary | undefined;
    await waitFor(
      async () => {
        const res = await ctx.admin.request<Summary>('GET', '/api/analytics/summary');
        last = { orders: res.body.orders, revenue: res.body.revenue };
        return JSON.stringify(last) === JSON.stringify(expected);
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'analytics to count every order' },
    ).catch(() => undefined);
    expect(last).toEqual(expected);
  });
}
