import { randomUUID } from 'node:crypto';
import type { EventData } from '@shop/common';
import { waitFor } from '@shop/common/testing';
import { startPayment, type PaymentHarness } from './harness';

let payment: PaymentHarness;
beforeAll(async () => {
  payment = await startPayment('choreography');
});
afterAll(() => payment.close());

const OUTCOMES = ['payment.succeeded', 'payment.failed'] as const;

function order(orderId: string, total: number) {
  const items = [{ productId: randomUUID(), name: 'Tea cup', unitPrice: total, quantity: 1 }];
  return { orderId, userId: 'u-7', items, total };
}

function created(orderId: string, total: number, token = 'tok_visa'): EventData<'order.created'> {
  return { ...order(orderId, total), currency: 'USD', payment: { token } };
}

const reserved = (orderId: string) => ({ orderId, items: [{ productId: 'p', quantity: 1 }] });

describe('payment in choreography mode', () => {
  test('order.created records the intent; inventory.reserved charges it', async () => {
    const orderId = randomUUID();

    await payment.settled(await payment.bus.send('order.created', created(orderId, 3100), orderId));
    expect(await payment.payment(orderId)).toEqual({
      status: 'AWAITING_STOCK',
      amount: 3100,
      token: 'tok_visa',
    });
    await payment.bus.send('inventory.reserved', reserved(orderId), orderId, 'inventory');

    const outcome = await payment.bus.replyTo(orderId, OUTCOMES);
    expect(outcome.type).toBe('payment.succeeded');
    expect(outcome.data).toMatchObject({ orderId, amount: 3100 });
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: true, refunded: false, amount: 3100 },
    ]);
  });

  test('inventory.reserved before order.created is retried until the intent is there, then charged', async () => {
    const orderId = randomUUID();

    const early = await payment.bus.send(
      'inventory.reserved',
      reserved(orderId),
      orderId,
      'inventory',
    );
    await waitFor(() =>
      payment.logs.some((l) => l.msg === 'message failed; will retry' && l.messageId === early.id),
    );
    await payment.bus.send('order.created', created(orderId, 1200), orderId);

    const outcome = await payment.bus.replyTo(orderId, OUTCOMES);
    expect(outcome.type).toBe('payment.succeeded');
    expect(await payment.providerCharges(orderId)).toHaveLength(1);
  });

  test('a declined token answers payment.failed', async () => {
    const orderId = randomUUID();
    await payment.bus.send('order.created', created(orderId, 500, 'tok_chargeDeclined'), orderId);
    await payment.bus.send('inventory.reserved', reserved(orderId), orderId, 'inventory');

    expect((await payment.bus.replyTo(orderId, OUTCOMES)).type).toBe('payment.failed');
  });

  test('order.cancelled after the charge refunds it', async () => {
    const orderId = randomUUID();
    await payment.bus.send('order.created', created(orderId, 2000), orderId);
    await payment.bus.send('inventory.reserved', reserved(orderId), orderId, 'inventory');
    await payment.bus.replyTo(orderId, OUTCOMES);

    const cancelled = { ...order(orderId, 2000), reason: 'TIMEOUT' as const };
    await payment.bus.send('order.cancelled', cancelled, orderId);

    expect((await payment.bus.replyTo(orderId, ['payment.refunded'])).data).toMatchObject({
      amount: 2000,
    });
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: true, refunded: true, amount: 2000 },
    ]);
  });

  test('order.cancelled while awaiting stock voids the intent: the late reservation charges nothing', async () => {
    const orderId = randomUUID();
    await payment.bus.send('order.created', created(orderId, 2000), orderId);
    const cancelled = { ...order(orderId, 2000), reason: 'TIMEOUT' as const };
    await payment.settled(await payment.bus.send('order.cancelled', cancelled, orderId));

    await payment.bus.send('inventory.reserved', reserved(orderId), orderId, 'inventory');

    expect((await payment.bus.replyTo(orderId, OUTCOMES)).type).toBe('payment.failed');
    expect((await payment.payment(orderId))?.status).toBe('VOIDED');
    expect(await payment.providerCharges(orderId)).toEqual([]);
  });

  test('order.cancelled before order.created leaves a tombstone: nothing is ever charged', async () => {
    const orderId = randomUUID();
    const cancelled = { ...order(orderId, 2000), reason: 'TIMEOUT' as const };
    await payment.settled(await payment.bus.send('order.cancelled', cancelled, orderId));

    await payment.settled(await payment.bus.send('order.created', created(orderId, 2000), orderId));
    await payment.bus.send('inventory.reserved', reserved(orderId), orderId, 'inventory');

    expect((await payment.bus.replyTo(orderId, OUTCOMES)).type).toBe('payment.failed');
    expect(await payment.providerCharges(orderId)).toEqual([]);
  });

  test('an orchestration command is refused loudly (a SAGA_MODE mismatch), not carried out', async () => {
    const orderId = randomUUID();
    await payment.bus.send('payment.refund', { orderId }, orderId);
    await waitFor(
      async () =>
        /saga_mode_mismatch_total\{type="payment.refund"[^}]*\} 1/.test(
          await payment.metrics.registry.metrics(),
        ),
      { what: 'the mismatch counted' },
    );
    expect(await payment.payment(orderId)).toBeUndefined();
    expect(await payment.providerCharges(orderId)).toEqual([]);
  });
});
