import { openEventStream, type EventStreamClient } from '@shop/common/testing';
import { expectStatus, type Order, type ShopClient } from '../support/shop-api';
import { useShop } from '../support/shop-context';

/**
 * Live order status (issue 11): GET /api/orders/:id/events through the real gateway, order,
 * inventory and payment processes, PostgreSQL and RabbitMQ.
 */
jest.setTimeout(60_000);
const ctx = useShop('orchestration');

const open = (client: ShopClient, id: string) =>
  openEventStream(`${ctx.shop.gatewayUrl}/api/orders/${id}/events`, {
    authorization: `Bearer ${client.token}`,
  });

/** Every event's order, until the stream ends. */
async function readAll(stream: EventStreamClient) {
  const events: Array<{ version: number; order: Order }> = [];
  for (let event = await stream.next(); event; event = await stream.next()) {
    expect(event.event).toBe('order');
    events.push({ version: Number(event.id), order: JSON.parse(event.data) as Order });
  }
  return events;
}

async function placeAndFollow(token: string) {
  const product = await ctx.product(1500, 10);
  const placed = await ctx.customer.placeOrder([{ productId: product.id, quantity: 1 }], token);
  const pending = expectStatus(placed, 202);
  const stream = await open(ctx.customer, pending.id);
  expect(stream.status).toBe(200);
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  return { id: pending.id, events: await readAll(stream) };
}

describe('GET /api/orders/:id/events through the gateway', () => {
  test('streams the order from PENDING to CONFIRMED, each version once, then ends', async () => {
    const { id, events } = await placeAndFollow('tok_visa');

    expect(events.length).toBeGreaterThan(0);
    const versions = events.map((e) => e.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(events.slice(0, -1).every((e) => e.order.status === 'PENDING')).toBe(true);
    const last = events.at(-1)!.order;
    expect(last).toEqual(await ctx.customer.order(id));
    expect(last.status).toBe('CONFIRMED');
  });

  test('a declined card: the stream ends with CANCELLED and PAYMENT_DECLINED', async () => {
    const { events } = await placeAndFollow('tok_chargeDeclined');

    expect(events.at(-1)!.order).toMatchObject({
      status: 'CANCELLED',
      failureReason: 'PAYMENT_DECLINED',
    });
  });

  test("another customer's order is a 404 problem, as for GET /api/orders/:id", async () => {
    const product = await ctx.product(900, 5);
    const placed = await ctx.customer.placeOrder([{ productId: product.id, quantity: 1 }]);
    const other = await ctx.newCustomer();

    const res = await other.request('GET', `/api/orders/${expectStatus(placed, 202).id}/events`);

    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
  });
});
