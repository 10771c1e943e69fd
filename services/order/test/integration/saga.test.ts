import { randomUUID } from 'node:crypto';
import { fetchJson, waitFor } from '@shop/common/testing';
import type { SagaMode } from '../../src/saga/transitions';
import {
  createWorld,
  customer,
  startCatalogStub,
  startOrder,
  STORES,
  type CatalogStub,
  type RunningOrder,
  type StoreKind,
  type TestWorld,
} from './harness';
import { SagaPeer, trackHandled } from './saga-peer';

const kettle = { id: randomUUID(), name: 'Copper kettle', price: 2999 };
const mug = { id: randomUUID(), name: 'Mug', price: 450 };
const body = (token = 'tok_visa') => ({
  items: [
    { productId: kettle.id, quantity: 2 },
    { productId: mug.id, quantity: 1 },
  ],
  payment: { token },
});
const TOTAL = 2 * 2999 + 450;
const stock = [
  { productId: kettle.id, quantity: 2 },
  { productId: mug.id, quantity: 1 },
];

const CASES: Array<[SagaMode, StoreKind]> = (['orchestration', 'choreography'] as const).flatMap(
  (mode) => STORES.map((store): [SagaMode, StoreKind] => [mode, store]),
);

/** A catalog, a world (database + exchange), the peer, and the service with `env`. */
function setUp(store: StoreKind, env: Record<string, string>) {
  const ctx = {} as { catalog: CatalogStub; world: TestWorld; peer: SagaPeer; shop: RunningOrder };
  beforeAll(async () => {
    ctx.catalog = await startCatalogStub([kettle, mug]);
    ctx.world = await createWorld(store, ctx.catalog.url);
    ctx.peer = await SagaPeer.start(ctx.world.exchange);
    ctx.shop = await startOrder(ctx.world, env);
  });
  afterAll(async () => {
    await ctx.shop.stop();
    await ctx.peer.close();
    await ctx.world.destroy();
    await ctx.catalog.close();
  });
  return ctx;
}

describe.each(CASES)('the order saga (%s, %s store)', (mode, store) => {
  const ctx = setUp(store, { SAGA_MODE: mode });
  const orchestrated = mode === 'orchestration';

  async function place(token = 'tok_visa') {
    const res = await fetchJson(ctx.shop.url, 'POST', '/api/orders', {
      headers: customer(),
      body: body(token),
    });
    expect(res.status).toBe(202);
    await ctx.peer.next(res.body.id, orchestrated ? 'inventory.reserve_stock' : 'order.created');
    return res.body;
  }

  async function finalState(id: string) {
    return waitFor(
      async () => {
        const res = await fetchJson(ctx.shop.url, 'GET', `/api/orders/${id}`, {
          headers: customer(),
        });
        return res.body.status !== 'PENDING' && res.body;
      },
      { what: `order ${id} final` },
    );
  }

  test('with tok_visa the order is CONFIRMED at the catalog total, the steps in order', async () => {
    const order = await place();
    expect(order).toMatchObject({ status: 'PENDING', total: TOTAL, currency: 'USD' });
    const created = await ctx.peer.next(order.id, 'order.created');
    expect(created.data).toMatchObject({ total: TOTAL, payment: { token: 'tok_visa' } });

    await ctx.peer.reply('inventory.reserved', { orderId: order.id, items: stock });
    if (orchestrated) {
      const charge = await ctx.peer.next(order.id, 'payment.charge');
      expect(charge.data).toEqual({
        orderId: order.id,
        userId: 'c-1',
        amount: TOTAL,
        currency: 'USD',
        token: 'tok_visa',
      });
    }
    await ctx.peer.reply('payment.succeeded', { orderId: order.id, paymentId: 'p', amount: TOTAL });

    const confirmed = await finalState(order.id);
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.failureReason).toBeUndefined();
    await ctx.peer.next(order.id, 'order.confirmed');
    if (orchestrated) await ctx.peer.next(order.id, 'inventory.commit_stock');
    expect(ctx.peer.typesFor(order.id)).toEqual(
      orchestrated
        ? [
            'order.created',
            'inventory.reserve_stock',
            'payment.charge',
            'order.confirmed',
            'inventory.commit_stock',
          ]
        : ['order.created', 'order.confirmed'],
    );
    expect(
      confirmed.steps.map((s: { name: string; status: string }) => `${s.name}:${s.status}`),
    ).toEqual([
      'reserve_stock:requested',
      'reserve_stock:succeeded',
      'charge_payment:requested',
      'charge_payment:succeeded',
      ...(orchestrated ? ['commit_stock:requested'] : []),
    ]);
  });

  test('when stock runs out the order is CANCELLED with OUT_OF_STOCK and never charged', async () => {
    const order = await place();
    await ctx.peer.reply('inventory.rejected', { orderId: order.id, reason: 'OUT_OF_STOCK' });

    const cancelled = await finalState(order.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', failureReason: 'OUT_OF_STOCK' });
    const fact = await ctx.peer.next(order.id, 'order.cancelled');
    expect(fact.data).toMatchObject({ reason: 'OUT_OF_STOCK', total: TOTAL });
    expect(ctx.peer.typesFor(order.id)).not.toContain('payment.charge');
  });

  test('when payment is declined the order is CANCELLED and the stock released', async () => {
    const order = await place('tok_chargeDeclined');
    await ctx.peer.reply('inventory.reserved', { orderId: order.id, items: stock });
    if (orchestrated) {
      const charge = await ctx.peer.next(order.id, 'payment.charge');
      expect(charge.data.token).toBe('tok_chargeDeclined');
    }
    await ctx.peer.reply('payment.failed', { orderId: order.id, reason: 'PAYMENT_DECLINED' });

    const cancelled = await finalState(order.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', failureReason: 'PAYMENT_DECLINED' });
    await ctx.peer.next(order.id, 'order.cancelled');
    if (orchestrated) await ctx.peer.next(order.id, 'inventory.release_stock');
  });

  test('duplicate facts change nothing', async () => {
    const handled = trackHandled(ctx.shop.service.saga);
    const order = await place();
    const reserved = await ctx.peer.reply('inventory.reserved', {
      orderId: order.id,
      items: stock,
    });
    await ctx.peer.publish(reserved);
    const again = await ctx.peer.reply('inventory.reserved', { orderId: order.id, items: stock });
    await waitFor(() => handled.filter((id) => [reserved.id, again.id].includes(id)).length === 3);
    const charging = await ctx.shop.service.store.get(order.id);

    const paid = await ctx.peer.reply('payment.succeeded', {
      orderId: order.id,
      paymentId: 'p',
      amount: TOTAL,
    });
    await ctx.peer.publish(paid, paid);
    await waitFor(() => handled.filter((id) => id === paid.id).length === 3);
    const confirmed = await finalState(order.id);

    expect(charging!.version).toBe(2);
    expect((await ctx.shop.service.store.get(order.id))!.version).toBe(3);
    expect(confirmed.status).toBe('CONFIRMED');
    await ctx.peer.next(order.id, 'order.confirmed');
    const types = ctx.peer.typesFor(order.id);
    expect(types.filter((t) => t === 'payment.charge')).toHaveLength(orchestrated ? 1 : 0);
    expect(types.filter((t) => t === 'order.confirmed')).toHaveLength(1);
  });
});

describe.each(CASES)('a step without a reply (%s, %s store)', (mode, store) => {
  const ctx = setUp(store, { SAGA_MODE: mode, SAGA_STEP_TIMEOUT_MS: '300' });
  const orchestrated = mode === 'orchestration';

  test('cancels the order with TIMEOUT and compensates both steps', async () => {
    const placed = await fetchJson(ctx.shop.url, 'POST', '/api/orders', {
      headers: customer(),
      body: body(),
    });
    const id = placed.body.id;
    await ctx.peer.next(id, 'order.created');
    await ctx.peer.reply('inventory.reserved', { orderId: id, items: stock });

    const cancelled = await ctx.peer.next(id, 'order.cancelled');
    expect(cancelled.data.reason).toBe('TIMEOUT');
    const order = (
      await fetchJson(ctx.shop.url, 'GET', `/api/orders/${id}`, { headers: customer() })
    ).body;
    expect(order).toMatchObject({ status: 'CANCELLED', failureReason: 'TIMEOUT' });
    expect(order.steps).toContainEqual(expect.objectContaining({ status: 'timed_out' }));
    if (orchestrated) {
      await ctx.peer.next(id, 'payment.refund');
      expect(ctx.peer.typesFor(id).slice(-3)).toEqual([
        'order.cancelled',
        'inventory.release_stock',
        'payment.refund',
      ]);
    } else {
      expect(ctx.peer.typesFor(id)).toEqual(['order.created', 'order.cancelled']);
    }
  });

  test('a late charge on the cancelled order is recorded, and refunded when orchestrated', async () => {
    const placed = await fetchJson(ctx.shop.url, 'POST', '/api/orders', {
      headers: customer(),
      body: body(),
    });
    const id = placed.body.id;
    await ctx.peer.next(id, 'order.cancelled');
    const refundsBefore = ctx.peer.typesFor(id).filter((t) => t === 'payment.refund').length;

    await ctx.peer.reply('payment.succeeded', { orderId: id, paymentId: 'late', amount: TOTAL });
    const order = await waitFor(async () => {
      const res = await fetchJson(ctx.shop.url, 'GET', `/api/orders/${id}`, {
        headers: customer(),
      });
      return res.body.steps.some((s: { status: string }) => s.status === 'succeeded') && res.body;
    });
    expect(order.status).toBe('CANCELLED');
    if (orchestrated) {
      await waitFor(
        () => ctx.peer.typesFor(id).filter((t) => t === 'payment.refund').length > refundsBefore,
        { what: 'a refund for the late charge' },
      );
    }
  });
});
