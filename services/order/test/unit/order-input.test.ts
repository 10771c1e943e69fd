import {
  idempotencyKey,
  placeOrderInput,
  requestHash,
  type PlaceOrderInput,
} from '../../src/domain/order-input';

const valid = {
  items: [
    { productId: 'p-1', quantity: 2 },
    { productId: 'p-2', quantity: 1 },
  ],
  payment: { token: 'tok_visa' },
};

function problems(body: unknown): string[] {
  const result = placeOrderInput.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('the order request body', () => {
  test('accepts lines of known shape and a test-card token', () => {
    expect(problems(valid)).toEqual([]);
    expect(problems({ ...valid, payment: { token: 'tok_chargeDeclined' } })).toEqual([]);
  });

  test.each([
    ['no lines', { ...valid, items: [] }, 'items'],
    ['quantity 0', { ...valid, items: [{ productId: 'p', quantity: 0 }] }, 'items.0.quantity'],
    ['quantity 1.5', { ...valid, items: [{ productId: 'p', quantity: 1.5 }] }, 'items.0.quantity'],
    [
      'quantity 1001',
      { ...valid, items: [{ productId: 'p', quantity: 1001 }] },
      'items.0.quantity',
    ],
    [
      'an empty productId',
      { ...valid, items: [{ productId: '', quantity: 1 }] },
      'items.0.productId',
    ],
    ['101 lines', { ...valid, items: lines(101) }, 'items'],
    ['10,000 lines', { ...valid, items: lines(10_000) }, 'items'],
    ['no payment', { items: valid.items }, 'payment'],
    ['an unknown token', { ...valid, payment: { token: 'tok_mastercard' } }, 'payment.token'],
    [
      'a price from the client',
      { ...valid, items: [{ productId: 'p', quantity: 1, unitPrice: 1 }] },
      'items.0',
    ],
    ['an unknown field', { ...valid, coupon: 'FREE' }, ''],
  ])('rejects %s', (_what, body, path) => {
    expect(problems(body)).toContain(path);
  });

  test('rejects the same product on two lines', () => {
    const body = { ...valid, items: [valid.items[0], { productId: 'p-1', quantity: 3 }] };
    expect(problems(body)).toEqual(['items.1.productId']);
  });

  test('an Idempotency-Key is 1 to 200 printable characters', () => {
    expect(idempotencyKey.safeParse('order-2026-01-01-abc').success).toBe(true);
    expect(idempotencyKey.safeParse('k'.repeat(200)).success).toBe(true);
    expect(idempotencyKey.safeParse('k'.repeat(201)).success).toBe(false);
    expect(idempotencyKey.safeParse('').success).toBe(false);
    expect(idempotencyKey.safeParse('tab\there').success).toBe(false);
  });
});

describe('the request hash an Idempotency-Key is bound to', () => {
  const parse = (body: unknown): PlaceOrderInput => placeOrderInput.parse(body);

  test('is the same for the same lines in another order or with keys reordered', () => {
    const reordered = parse({
      payment: { token: 'tok_visa' },
      items: [
        { quantity: 1, productId: 'p-2' },
        { quantity: 2, productId: 'p-1' },
      ],
    });
    expect(requestHash(reordered)).toBe(requestHash(parse(valid)));
  });

  test('differs when a quantity, a product or the token differs', () => {
    const base = requestHash(parse(valid));
    const changes = [
      { ...valid, items: [{ productId: 'p-1', quantity: 3 }, valid.items[1]] },
      { ...valid, items: [{ productId: 'p-3', quantity: 2 }, valid.items[1]] },
      { ...valid, payment: { token: 'tok_chargeDeclined' } },
    ];
    for (const body of changes) expect(requestHash(parse(body))).not.toBe(base);
  });
});

function lines(n: number) {
  return Array.from({ length: n }, (_, i) => ({ productId: `p-${i}`, quantity: 1 }));
}
