import { randomUUID } from 'node:crypto';
import type { EventData } from '@shop/common';
import { waitFor } from '@shop/common/testing';
import { startInventory, type InventoryHarness } from './harness';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory('choreography');
});
afterAll(() => inventory.close());

const REPLIES = ['inventory.reserved', 'inventory.rejected'] as const;

function order(orderId: string, productId: string, quantity: number) {
  const items = [{ productId, name: 'Tea cup', unitPrice: 1200, quantity }];
  return { orderId, userId: 'u-1', items, total: 1200 * quantity };
}

function created(orderId: string, productId: string, quantity: number): EventData<'order.created'> {
  return {
    ...order(orderId, productId, quantity),
    currency: 'USD',
    payment: { token: 'tok_visa' },
  };
}

describe('inventory in choreography mode', () => {
  test('order.created reserves the stock and answers inventory.reserved', async () => {
    const productId = await inventory.newProduct(4);
    const orderId = randomUUID();

    await inventory.bus.send('order.created', created(orderId, productId, 3), orderId);

    const reply = await inventory.bus.replyTo(orderId, REPLIES);
    expect(reply.type).toBe('inventory.reserved');
    expect(reply.data).toEqual({ orderId, items: [{ productId, quantity: 3 }] });
    expect(await inventory.level(productId)).toMatchObject({ available: 1, reserved: 3 });
  });

  test('order.confirmed commits the reserved stock', async () => {
    const productId = await inventory.newProduct(4);
    const orderId = randomUUID();
    await inventory.bus.send('order.created', created(orderId, productId, 3), orderId);
    await inventory.bus.replyTo(orderId, REPLIES);

    await inventory.settled(
      await inventory.bus.send('order.confirmed', order(orderId, productId, 3), orderId),
    );

    expect(await inventory.level(productId)).toMatchObject({ available: 1, reserved: 0 });
  });

  test('order.cancelled releases the reserved stock', async () => {
    const productId = await inventory.newProduct(4);
    const orderId = randomUUID();
    await inventory.bus.send('order.created', created(orderId, productId, 3), orderId);
    await inventory.bus.replyTo(orderId, REPLIES);

    const cancelled = { ...order(orderId, productId, 3), reason: 'PAYMENT_DECLINED' as const };
    await inventory.bus.send('order.cancelled', cancelled, orderId);

    await inventory.bus.replyTo(orderId, ['inventory.released']);
    expect(await inventory.level(productId)).toMatchObject({ available: 4, reserved: 0 });
  });

  test('more than the stock is rejected; the cancellation that follows changes nothing', async () => {
    const productId = await inventory.newProduct(2);
    const orderId = randomUUID();

    await inventory.bus.send('order.created', created(orderId, productId, 3), orderId);
    expect((await inventory.bus.replyTo(orderId, REPLIES)).type).toBe('inventory.rejected');
    const cancelled = { ...order(orderId, productId, 3), reason: 'OUT_OF_STOCK' as const };
    await inventory.settled(await inventory.bus.send('order.cancelled', cancelled, orderId));

    expect(inventory.bus.of('inventory.released', { orderId })).toHaveLength(0);
    expect(await inventory.level(productId)).toMatchObject({ available: 2, reserved: 0 });
  });

  test('a cancellation that overtakes order.created leaves a tombstone: the late reserve is rejected', async () => {
    const productId = await inventory.newProduct(2);
    const orderId = randomUUID();

    const cancelled = { ...order(orderId, productId, 1), reason: 'TIMEOUT' as const };
    await inventory.settled(await inventory.bus.send('order.cancelled', cancelled, orderId));
    await inventory.bus.send('order.created', created(orderId, productId, 1), orderId);

    expect((await inventory.bus.replyTo(orderId, REPLIES)).type).toBe('inventory.rejected');
    expect(await inventory.level(productId)).toMatchObject({ available: 2, reserved: 0 });
  });

  test('an orchestration command is refused loudly (a SAGA_MODE mismatch), not carried out', async () => {
    const orderId = randomUUID();
    await inventory.bus.send('inventory.release_stock', { orderId }, orderId);
    await waitFor(
      async () =>
        /saga_mode_mismatch_total\{type="inventory.release_stock"[^}]*\} 1/.test(
          await inventory.metrics.registry.metrics(),
        ),
      { what: 'the mismatch counted' },
    );
    expect(
      inventory.bus.seen.filter((e) => e.correlationId === orderId && e.source === 'inventory'),
    ).toEqual([]);
  });
});
