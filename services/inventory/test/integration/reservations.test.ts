import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { createEvent, DELIVERY_CHANNEL, UnroutableError, type Delivery } from '@shop/common';
import { waitFor } from '@shop/common/testing';
import { productCreated, startInventory, type InventoryHarness } from './harness';

let inventory: InventoryHarness;
beforeAll(async () => {
  inventory = await startInventory('orchestration');
});
afterAll(() => inventory.close());

const REPLIES = ['inventory.reserved', 'inventory.rejected'] as const;

async function reserve(orderId: string, items: Array<{ productId: string; quantity: number }>) {
  await inventory.bus.send('inventory.reserve_stock', { orderId, items }, orderId);
  return (await inventory.bus.replyTo(orderId, REPLIES)).type;
}

async function release(orderId: string) {
  await inventory.bus.send('inventory.release_stock', { orderId }, orderId);
  await inventory.bus.replyTo(orderId, ['inventory.released']);
}

async function reservationStatus(orderId: string): Promise<string | undefined> {
  const { rows } = await inventory.pool.query(
    'SELECT status FROM reservations WHERE order_id = $1',
    [orderId],
  );
  return rows[0]?.status;
}

describe('stock from the catalog', () => {
  test('product.created gives the product its initial stock and announces level version 1', async () => {
    const productId = await inventory.newProduct(7);

    expect(await inventory.level(productId)).toEqual({ productId, available: 7, reserved: 0 });
    const announced = await waitFor(
      () => inventory.bus.of('inventory.stock_changed', { productId })[0],
    );
    expect(announced.data).toEqual({ productId, available: 7, reserved: 0, version: 1 });
  });
});

describe('inventory.reserve_stock', () => {
  test('moves the units from available to reserved and answers inventory.reserved', async () => {
    const productId = await inventory.newProduct(5);
    const orderId = randomUUID();

    expect(await reserve(orderId, [{ productId, quantity: 2 }])).toBe('inventory.reserved');

    expect(await inventory.level(productId)).toEqual({ productId, available: 3, reserved: 2 });
    expect(inventory.bus.of('inventory.reserved', { orderId })[0]?.data.items).toEqual([
      { productId, quantity: 2 },
    ]);
    expect(await reservationStatus(orderId)).toBe('RESERVED');
  });

  test('an order of several products is reserved whole or not at all', async () => {
    const plenty = await inventory.newProduct(5);
    const scarce = await inventory.newProduct(1);

    const tooMuch = randomUUID();
    expect(
      await reserve(tooMuch, [
        { productId: plenty, quantity: 2 },
        { productId: scarce, quantity: 2 },
      ]),
    ).toBe('inventory.rejected');
    expect(await inventory.level(plenty)).toMatchObject({ available: 5, reserved: 0 });
    expect(await inventory.level(scarce)).toMatchObject({ available: 1, reserved: 0 });
    expect(await reservationStatus(tooMuch)).toBe('REJECTED');

    const fits = randomUUID();
    expect(
      await reserve(fits, [
        { productId: plenty, quantity: 2 },
        { productId: scarce, quantity: 1 },
      ]),
    ).toBe('inventory.reserved');
    expect(await inventory.level(plenty)).toMatchObject({ available: 3, reserved: 2 });
    expect(await inventory.level(scarce)).toMatchObject({ available: 0, reserved: 1 });
  });

  test('lines naming the same product twice count together', async () => {
    const productId = await inventory.newProduct(3);
    const orderId = randomUUID();

    const reply = await reserve(orderId, [
      { productId, quantity: 2 },
      { productId, quantity: 2 },
    ]);

    expect(reply).toBe('inventory.rejected');
    expect(await inventory.level(productId)).toMatchObject({ available: 3, reserved: 0 });
  });

  test('a product inventory never hears of is out of stock once the retries have run out', async () => {
    const orderId = randomUUID();
    expect(await reserve(orderId, [{ productId: randomUUID(), quantity: 1 }])).toBe(
      'inventory.rejected',
    );
    expect(await reservationStatus(orderId)).toBe('REJECTED');
  });

  test('a reserve that overtakes its product.created is retried until the product arrives, then reserves', async () => {
    // Orderable as soon as the product's POST answered 201: its event may still be on its way.
    const productId = randomUUID();
    const orderId = randomUUID();
    const retried = new Set<string>();
    const onDelivery = (delivery: unknown) => {
      const { message } = delivery as Delivery;
      if (Number(message.properties.headers?.['x-attempt'] ?? 1) < 2) return;
      retried.add(
        (JSON.parse(message.content.toString()) as { data: { orderId: string } }).data.orderId,
      );
    };
    diagnostics.subscribe(DELIVERY_CHANNEL, onDelivery);
    try {
      const items = [{ productId, quantity: 2 }];
      await inventory.bus.send('inventory.reserve_stock', { orderId, items }, orderId);
      await waitFor(async () => retried.has(orderId), { what: 'the reserve delivered again' });
      expect(inventory.bus.of('inventory.rejected', { orderId })).toEqual([]);
      await inventory.bus.send(
        'product.created',
        productCreated(productId, 5),
        productId,
        'product',
      );

      expect((await inventory.bus.replyTo(orderId, REPLIES)).type).toBe('inventory.reserved');
      expect(await inventory.level(productId)).toEqual({ productId, available: 3, reserved: 2 });
    } finally {
      diagnostics.unsubscribe(DELIVERY_CHANNEL, onDelivery);
    }
  });

  test('50 concurrent reserves of one unit against stock 10: exactly 10 reserved, 40 rejected, nothing oversold', async () => {
    const productId = await inventory.newProduct(10);
    const orders = Array.from({ length: 50 }, () => randomUUID());

    await inventory.bus.publish(
      orders.map((orderId) =>
        createEvent(
          'inventory.reserve_stock',
          { orderId, items: [{ productId, quantity: 1 }] },
          { source: 'order', correlationId: orderId },
        ),
      ),
    );
    const replies = await Promise.all(
      orders.map((orderId) => inventory.bus.replyTo(orderId, REPLIES, 8000)),
    );

    const reserved = replies.filter((r) => r.type === 'inventory.reserved');
    expect(reserved).toHaveLength(10);
    expect(replies.filter((r) => r.type === 'inventory.rejected')).toHaveLength(40);
    expect(await inventory.level(productId)).toEqual({ productId, available: 0, reserved: 10 });
    const levels = await waitFor(() => {
      const seen = inventory.bus.of('inventory.stock_changed', { productId });
      return seen.length === 11 && seen;
    });
    expect(
      levels.every((e) => e.data.available >= 0 && e.data.available + e.data.reserved === 10),
    ).toBe(true);
  });

  test('the same command sent again (a new message) answers the first outcome and moves no stock', async () => {
    const productId = await inventory.newProduct(2);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 2 }]);

    await inventory.settled(
      await inventory.bus.send(
        'inventory.reserve_stock',
        { orderId, items: [{ productId, quantity: 2 }] },
        orderId,
      ),
    );

    expect(inventory.bus.of('inventory.reserved', { orderId })).toHaveLength(2);
    expect(await inventory.level(productId)).toMatchObject({ available: 0, reserved: 2 });
    expect(inventory.bus.of('inventory.rejected', { orderId })).toHaveLength(0);
  });

  test('the same message delivered twice is handled once', async () => {
    const productId = await inventory.newProduct(4);
    const orderId = randomUUID();
    const command = createEvent(
      'inventory.reserve_stock',
      { orderId, items: [{ productId, quantity: 1 }] },
      { source: 'order', correlationId: orderId },
    );

    await inventory.bus.publish([command, command]);
    await inventory.settled(command);
    // A later message: by its answer, the second copy (delivered earlier) has been handled.
    const later = randomUUID();
    await reserve(later, [{ productId, quantity: 1 }]);
    await inventory.bus.flush();

    expect(inventory.bus.of('inventory.reserved', { orderId })).toHaveLength(1);
    expect(await inventory.level(productId)).toMatchObject({ available: 2, reserved: 2 });
  });
});

describe('inventory.release_stock and inventory.commit_stock', () => {
  test('a release returns the reserved units to available', async () => {
    const productId = await inventory.newProduct(3);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 2 }]);

    await release(orderId);

    expect(await inventory.level(productId)).toMatchObject({ available: 3, reserved: 0 });
    expect(await reservationStatus(orderId)).toBe('RELEASED');
  });

  test('a commit takes the units out of reserved for good; a later release changes nothing', async () => {
    const productId = await inventory.newProduct(3);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 2 }]);

    await inventory.settled(
      await inventory.bus.send('inventory.commit_stock', { orderId }, orderId),
    );
    await inventory.settled(
      await inventory.bus.send('inventory.release_stock', { orderId }, orderId),
    );

    expect(await inventory.level(productId)).toMatchObject({ available: 1, reserved: 0 });
    expect(await reservationStatus(orderId)).toBe('COMMITTED');
    expect(inventory.bus.of('inventory.released', { orderId })).toHaveLength(0);
  });

  test('a release before the reserve leaves a tombstone: the late reserve is rejected, stock untouched', async () => {
    const productId = await inventory.newProduct(3);
    const orderId = randomUUID();

    await release(orderId);
    const late = await reserve(orderId, [{ productId, quantity: 1 }]);

    expect(late).toBe('inventory.rejected');
    expect(await inventory.level(productId)).toMatchObject({ available: 3, reserved: 0 });
    expect(await reservationStatus(orderId)).toBe('RELEASED');
  });

  test('a commit for an order never reserved also leaves a tombstone', async () => {
    const productId = await inventory.newProduct(3);
    const orderId = randomUUID();

    await inventory.settled(
      await inventory.bus.send('inventory.commit_stock', { orderId }, orderId),
    );
    const late = await reserve(orderId, [{ productId, quantity: 1 }]);

    expect(late).toBe('inventory.rejected');
    expect(await inventory.level(productId)).toMatchObject({ available: 3, reserved: 0 });
  });

  test('a second release of the same order changes nothing and says nothing more', async () => {
    const productId = await inventory.newProduct(2);
    const orderId = randomUUID();
    await reserve(orderId, [{ productId, quantity: 1 }]);
    await release(orderId);

    await inventory.settled(
      await inventory.bus.send('inventory.release_stock', { orderId }, orderId),
    );

    expect(inventory.bus.of('inventory.released', { orderId })).toHaveLength(1);
    expect(await inventory.level(productId)).toMatchObject({ available: 2, reserved: 0 });
  });
});

describe('stock levels announced', () => {
  test('every change of available is announced with its version; a commit moves only reserved and is not', async () => {
    const productId = await inventory.newProduct(4);
    const first = randomUUID();
    await reserve(first, [{ productId, quantity: 1 }]);
    await release(first);
    const second = randomUUID();
    await reserve(second, [{ productId, quantity: 3 }]);
    await inventory.settled(
      await inventory.bus.send('inventory.commit_stock', { orderId: second }, second),
    );

    const levels = inventory.bus.of('inventory.stock_changed', { productId });
    expect(levels.map((e) => e.data).sort((a, b) => a.version - b.version)).toEqual([
      { productId, available: 4, reserved: 0, version: 1 },
      { productId, available: 3, reserved: 1, version: 2 },
      { productId, available: 4, reserved: 0, version: 3 },
      { productId, available: 1, reserved: 3, version: 4 },
    ]);
    expect(await inventory.level(productId)).toEqual({ productId, available: 1, reserved: 0 });
  });
});

describe('orchestration mode subscriptions', () => {
  test('the order events of choreography are not consumed (no queue takes them)', async () => {
    const orderId = randomUUID();
    await expect(
      inventory.bus.send(
        'order.cancelled',
        { orderId, userId: 'u-1', items: [], total: 0, reason: 'TIMEOUT' },
        orderId,
      ),
    ).rejects.toBeInstanceOf(UnroutableError);
  });
});
