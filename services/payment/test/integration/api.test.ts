import { randomUUID } from 'node:crypto';
import { getJson } from '@shop/common/testing';
import { admin, chargeOf, customer, startPayment, type PaymentHarness } from './harness';

let payment: PaymentHarness;
beforeAll(async () => {
  payment = await startPayment('orchestration');
});
afterAll(() => payment.close());

async function charged(amount: number, token = 'tok_visa'): Promise<string> {
  const orderId = randomUUID();
  await payment.bus.send('payment.charge', chargeOf(orderId, amount, token), orderId);
  await payment.bus.replyTo(orderId, ['payment.succeeded', 'payment.failed']);
  return orderId;
}

describe('GET /api/payments/:orderId', () => {
  test('an admin reads the payment of an order, without its token', async () => {
    const orderId = await charged(1999);

    const res = await getJson(payment.url, `/api/payments/${orderId}`, admin);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(String),
      orderId,
      userId: 'u-1',
      amount: 1999,
      currency: 'USD',
      status: 'SUCCEEDED',
      providerRef: expect.stringMatching(/^ch_/),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain('tok_');
  });

  test('customers get 403, anonymous callers 401', async () => {
    const orderId = await charged(100);

    expect((await getJson(payment.url, `/api/payments/${orderId}`, customer)).status).toBe(403);
    const anonymous = await getJson(payment.url, `/api/payments/${orderId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain('application/problem+json');
  });

  test('an order without a payment is 404, as is an id no order can have', async () => {
    expect((await getJson(payment.url, `/api/payments/${randomUUID()}`, admin)).status).toBe(404);
    expect((await getJson(payment.url, `/api/payments/${'x'.repeat(101)}`, admin)).status).toBe(
      404,
    );
  });
});

describe('operations', () => {
  test('health, readiness and the business counters', async () => {
    await charged(250);
    await charged(250, 'tok_chargeDeclined');

    expect((await getJson(payment.url, `/healthz`)).status).toBe(200);
    expect((await getJson(payment.url, `/readyz`)).body).toMatchObject({ status: 'ready' });
    const metrics = await (await fetch(`${payment.url}/metrics`)).text();
    expect(metrics).toMatch(/payments_total\{result="succeeded",service="payment"\} [1-9]/);
    expect(metrics).toMatch(/payments_total\{result="failed",service="payment"\} [1-9]/);
    expect(metrics).toMatch(
      /payment_amount_cents_total\{result="succeeded",service="payment"\} \d+/,
    );
  });
});
