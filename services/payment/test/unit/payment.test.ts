import { chargeAction, refundAction } from '../../src/domain/payment';

describe('a charge', () => {
  test('reaches the provider only for a PENDING payment', () => {
    expect(chargeAction('PENDING')).toBe('charge');
  });

  test('repeated, answers the first outcome; after a void it declines; after a refund it is silent', () => {
    expect(chargeAction('SUCCEEDED')).toBe('answer_succeeded');
    expect(chargeAction('FAILED')).toBe('answer_failed');
    expect(chargeAction('VOIDED')).toBe('answer_failed');
    expect(chargeAction('REFUNDED')).toBe('none');
  });

  test('never runs on an intent still awaiting stock', () => {
    expect(() => chargeAction('AWAITING_STOCK')).toThrow();
  });
});

describe('a refund', () => {
  test('asks the provider when money may have moved (SUCCEEDED, or PENDING in doubt)', () => {
    expect(refundAction('SUCCEEDED')).toBe('refund');
    expect(refundAction('PENDING')).toBe('refund');
  });

  test('voids an intent that was never charged', () => {
    expect(refundAction('AWAITING_STOCK')).toBe('void');
  });

  test('changes nothing once declined, refunded or voided', () => {
    expect(refundAction('FAILED')).toBe('none');
    expect(refundAction('REFUNDED')).toBe('none');
    expect(refundAction('VOIDED')).toBe('none');
  });
});
