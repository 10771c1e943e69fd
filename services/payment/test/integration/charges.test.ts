import { randomUUID } from 'node:crypto';
import { createEvent, UnroutableError } from '@shop/common';
import { maxIdleInTransaction, waitFor } from '@shop/common/testing';
import type { PaymentProvider } from '../../src/provider/payment-provider';
import { chargeOf, startPayment, type PaymentHarness } from './harness';

/**
 * Counts the provider's charge calls; `crashAfterCharge` orders make the caller crash once;
 * `held` orders' charges and `heldRefunds` orders' refunds wait on their way to the provider
 * until released.
 */
interface Hold {
  reached: boolean;
  release: () => void;
  gate: Promise<void>;
}

class ProviderProbe {
  readonly chargeCalls = new Map<string, number>();
  readonly crashAfterCharge = new Set<string>();
  readonly held = new Map<string, Hold>();
  readonly heldRefunds = new Map<string, Hold>();

  hold(orderId: string, calls = this.held): Hold {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hold = { reached: false, release, gate };
    calls.set(orderId, hold);
    return hold;
  }

  wrap = (real: PaymentProvider): PaymentProvider => ({
    charge: async (request) => {
      this.chargeCalls.set(request.orderId, (this.chargeCalls.get(request.orderId) ?? 0) + 1);
      const hold = this.held.get(request.orderId);
      if (hold) {
        hold.reached = true;
        await hold.gate;
      }
      const result = await real.charge(request);
      if (this.crashAfterCharge.delete(request.orderId)) {
        throw new Error('crash between the provider charge and recording its outcome');
      }
      return result;
    },
    refund: async (request) => {
      const hold = this.heldRefunds.get(request.orderId);
      if (hold) {
        hold.reached = true;
        await hold.gate;
      }
      return real.refund(request);
    },
  });

  calls(orderId: string): number {
    return this.chargeCalls.get(orderId) ?? 0;
  }
}

const probe = new ProviderProbe();
let payment: PaymentHarness;
beforeAll(async () => {
  payment = await startPayment('orchestration', { provider: probe.wrap });
});
afterAll(() => payment.close());

const OUTCOMES = ['payment.succeeded', 'payment.failed'] as const;

async function charge(orderId: string, amount: number, token = 'tok_visa') {
  await payment.bus.send('payment.charge', chargeOf(orderId, amount, token), orderId);
  return payment.bus.replyTo(orderId, OUTCOMES);
}

describe('payment.charge', () => {
  test('tok_visa is charged once: SUCCEEDED and payment.succeeded with the amount', async () => {
    const orderId = randomUUID();

    const outcome = await charge(orderId, 4200);

    expect(outcome.type).toBe('payment.succeeded');
    expect(outcome.data).toEqual({ orderId, paymentId: expect.any(String), amount: 4200 });
    expect(await payment.payment(orderId)).toEqual({
      status: 'SUCCEEDED',
      amount: 4200,
      token: null,
    });
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: true, refunded: false, amount: 4200 },
    ]);
  });

  test('tok_chargeDeclined is declined: FAILED and payment.failed', async () => {
    const orderId = randomUUID();

    const outcome = await charge(orderId, 999, 'tok_chargeDeclined');

    expect(outcome.data).toEqual({ orderId, reason: 'PAYMENT_DECLINED' });
    expect(outcome.type).toBe('payment.failed');
    expect((await payment.payment(orderId))?.status).toBe('FAILED');
  });

  test('any other token is declined', async () => {
    const orderId = randomUUID();
    expect((await charge(orderId, 100, 'tok_bogus')).type).toBe('payment.failed');
  });

  test('the same charge sent twice (two messages) charges once and answers the first outcome twice', async () => {
    const orderId = randomUUID();
    await charge(orderId, 700);

    await payment.settled(
      await payment.bus.send('payment.charge', chargeOf(orderId, 700), orderId),
    );

    expect(payment.bus.of('payment.succeeded', { orderId })).toHaveLength(2);
    expect(probe.calls(orderId)).toBe(1);
    expect(await payment.providerCharges(orderId)).toHaveLength(1);
  });

  test('the same message delivered twice is handled once', async () => {
    const orderId = randomUUID();
    const command = createEvent('payment.charge', chargeOf(orderId, 300), {
      source: 'order',
      correlationId: orderId,
    });

    await payment.bus.publish([command, command]);
    await payment.settled(command);
    await charge(randomUUID(), 1); // a later message: the second copy was handled before it
    await payment.bus.flush();

    expect(payment.bus.of('payment.succeeded', { orderId })).toHaveLength(1);
    // Both copies may ask the provider; its idempotency key makes it one charge.
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: true, refunded: false, amount: 300 },
    ]);
  });

  test('a crash between the provider charge and its record is retried: one charge, one success', async () => {
    const orderId = randomUUID();
    probe.crashAfterCharge.add(orderId);

    const outcome = await charge(orderId, 1500);

    expect(outcome.type).toBe('payment.succeeded');
    expect(probe.calls(orderId)).toBe(2);
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: true, refunded: false, amount: 1500 },
    ]);
    await payment.bus.flush();
    expect(payment.bus.of('payment.succeeded', { orderId })).toHaveLength(1);
  });
});

describe('payment.refund', () => {
  test('a succeeded payment is refunded at the provider: REFUNDED, payment.refunded, net zero', async () => {
    const orderId = randomUUID();
    const charged = await charge(orderId, 2500);

    await payment.bus.send('payment.refund', { orderId }, orderId);

    const refunded = await payment.bus.replyTo(orderId, ['payment.refunded']);
    expect(refunded.data).toEqual({
      orderId,
      paymentId: (charged.data as { paymentId: string }).paymentId,
      amount: 2500,
    });
    expect((await payment.payment(orderId))?.status).toBe('REFUNDED');
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: true, refunded: true, amount: 2500 },
    ]);
  });

  test('a refund waiting on the provider holds no transaction open and no lock on the payment', async () => {
    const orderId = randomUUID();
    await charge(orderId, 1300);
    const stalled = probe.hold(orderId, probe.heldRefunds);

    await payment.bus.send('payment.refund', { orderId }, orderId);
    await waitFor(() => stalled.reached, { what: 'refund at the provider' });

    const openTransactions = await maxIdleInTransaction(payment.pool, 500);
    const unlocked = await payment.pool
      .query('SELECT status FROM payments WHERE order_id = $1 FOR UPDATE NOWAIT', [orderId])
      .finally(() => stalled.release());

    expect(openTransactions).toBe(0);
    expect(unlocked.rows).toEqual([{ status: 'SUCCEEDED' }]);
    const refunded = await payment.bus.replyTo(orderId, ['payment.refunded']);
    expect(refunded.data).toMatchObject({ amount: 1300 });
    expect((await payment.payment(orderId))?.status).toBe('REFUNDED');
  });

  test('a refund before the charge voids it: the late charge declines without reaching the provider', async () => {
    const orderId = randomUUID();

    await payment.bus.send('payment.refund', { orderId }, orderId);
    const voided = await payment.bus.replyTo(orderId, ['payment.refunded']);
    const late = await charge(orderId, 800);

    expect(voided.data).toMatchObject({ orderId, amount: 0 });
    expect(late.type).toBe('payment.failed');
    expect((await payment.payment(orderId))?.status).toBe('VOIDED');
    expect(probe.calls(orderId)).toBe(0);
    expect(await payment.providerCharges(orderId)).toEqual([]);
  });

  test('a refund of a declined payment changes nothing and says nothing', async () => {
    const orderId = randomUUID();
    await charge(orderId, 800, 'tok_chargeDeclined');

    await payment.settled(await payment.bus.send('payment.refund', { orderId }, orderId));

    expect((await payment.payment(orderId))?.status).toBe('FAILED');
    expect(payment.bus.of('payment.refunded', { orderId })).toHaveLength(0);
  });

  test('a second refund gives nothing more back', async () => {
    const orderId = randomUUID();
    await charge(orderId, 600);
    await payment.settled(await payment.bus.send('payment.refund', { orderId }, orderId));

    await payment.settled(await payment.bus.send('payment.refund', { orderId }, orderId));

    expect(payment.bus.of('payment.refunded', { orderId })).toHaveLength(1);
  });

  test('a refund while a charge is in doubt (charged at the provider, outcome never recorded) refunds it', async () => {
    const orderId = randomUUID();
    // The state a crash leaves: the intent is PENDING and the provider has charged.
    await payment.pool.query(
      `INSERT INTO payments (order_id, id, user_id, amount, token, status)
       VALUES ($1, $2, 'u-1', 900, 'tok_visa', 'PENDING')`,
      [orderId, randomUUID()],
    );
    await payment.provider.charge({ orderId, amount: 900, token: 'tok_visa' });

    await payment.bus.send('payment.refund', { orderId }, orderId);
    const refunded = await payment.bus.replyTo(orderId, ['payment.refunded']);
    // The charge command is redelivered after the crash: it must not charge or succeed now.
    await payment.settled(
      await payment.bus.send('payment.charge', chargeOf(orderId, 900), orderId),
    );

    expect(refunded.data).toMatchObject({ amount: 900 });
    expect((await payment.payment(orderId))?.status).toBe('REFUNDED');
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: true, refunded: true, amount: 900 },
    ]);
    expect(payment.bus.of('payment.succeeded', { orderId })).toEqual([]);
  });

  test('a refund while the charge is on its way to the provider cancels it there: the charge is declined', async () => {
    const orderId = randomUUID();
    const inFlight = probe.hold(orderId);
    await payment.bus.send('payment.charge', chargeOf(orderId, 1100), orderId);
    await waitFor(() => inFlight.reached, { what: 'charge on its way' });

    await payment.bus.send('payment.refund', { orderId }, orderId);
    const voided = await payment.bus.replyTo(orderId, ['payment.refunded']);
    inFlight.release();
    const late = await payment.bus.replyTo(orderId, OUTCOMES);

    expect(voided.data).toMatchObject({ amount: 0 });
    expect(late.type).toBe('payment.failed');
    expect((await payment.payment(orderId))?.status).toBe('VOIDED');
    expect(await payment.providerCharges(orderId)).toEqual([
      { approved: false, refunded: false, amount: 0 },
    ]);
  });

  test('charges and refunds racing for 20 orders never leave money taken', async () => {
    const orders = Array.from({ length: 20 }, () => randomUUID());
    const messages = orders.flatMap((orderId, i) => {
      const options = { source: 'order', correlationId: orderId };
      const chargeIt = createEvent('payment.charge', chargeOf(orderId, 100 + i), options);
      const refundIt = createEvent('payment.refund', { orderId }, options);
      return i % 2 === 0 ? [chargeIt, refundIt] : [refundIt, chargeIt];
    });

    await payment.bus.publish(messages);
    for (const message of messages) await payment.settled(message);

    for (const orderId of orders) {
      // A refund that cancels the provider's key before the charge arrives leaves it declined (FAILED).
      expect(['REFUNDED', 'VOIDED', 'FAILED']).toContain((await payment.payment(orderId))?.status);
      const taken = (await payment.providerCharges(orderId)).filter(
        (c) => c.approved && !c.refunded,
      );
      expect(taken).toEqual([]);
    }
  });
});

describe('orchestration mode subscriptions', () => {
  test('the events of choreography are not consumed (no queue takes them)', async () => {
    const orderId = randomUUID();
    await expect(
      payment.bus.send('inventory.reserved', { orderId, items: [] }, orderId, 'inventory'),
    ).rejects.toBeInstanceOf(UnroutableError);
  });
});
