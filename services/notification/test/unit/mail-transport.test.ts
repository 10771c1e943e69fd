import { isPermanentRejection, mailDomain, messageId } from '../../src/delivery/mail-transport';

describe('mail transport', () => {
  test('the Message-ID is derived from the notification id and the sender domain', () => {
    expect(messageId('n-1', mailDomain('Shop <no-reply@shop.example>'))).toBe('<n-1@shop.example>');
    expect(mailDomain('no-reply@shop.local')).toBe('shop.local');
  });

  test.each([
    [{ code: 'EENVELOPE', responseCode: 550, permanent: true }, true],
    [{ code: 'EMESSAGE', responseCode: 554, permanent: true }, true],
    [{ code: 'EENVELOPE', responseCode: 452, permanent: false }, false],
    [{ code: 'EAUTH', responseCode: 535, permanent: true }, false],
    [{ code: 'ECONNECTION' }, false],
    [new Error('connect ECONNREFUSED'), false],
  ])('%o is a permanent rejection: %s', (err, permanent) => {
    expect(isPermanentRejection(err)).toBe(permanent);
  });
});
