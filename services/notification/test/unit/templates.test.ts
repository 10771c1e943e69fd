import {
  renderOrderCancelled,
  renderOrderConfirmed,
  renderWelcome,
} from '../../src/domain/templates';

const order = {
  orderId: '5b0e8a52-3f1c-4a8e-9d6a-2f1f0c7e9b11',
  userId: 'u-1',
  items: [
    { productId: 'p-1', name: 'Copper kettle', unitPrice: 2999, quantity: 2 },
    { productId: 'p-2', name: 'Tea <b>cup</b>', unitPrice: 450, quantity: 1 },
  ],
  total: 6448,
};
const hostile = { name: '<script>alert("x")</script> & Co' };

describe('email templates', () => {
  test('a confirmation names the order in the subject (short) and in both bodies (in full)', () => {
    const email = renderOrderConfirmed({ name: 'Ada' }, order);

    expect(email.subject).toBe('Your order 5b0e8a52 is confirmed');
    expect(email.text).toContain(order.orderId);
    expect(email.html).toContain(order.orderId);
    expect(email.text).toContain('2 × Copper kettle  $59.98');
    expect(email.text).toContain('Total  $64.48');
  });

  test.each([
    ['OUT_OF_STOCK', 'an item in it is out of stock'],
    ['PAYMENT_DECLINED', 'the payment was declined'],
    ['TIMEOUT', 'we could not complete it in time'],
  ] as const)('a cancellation for %s says why', (reason, why) => {
    const email = renderOrderCancelled({ name: 'Ada' }, { ...order, reason });

    expect(email.subject).toBe('Your order 5b0e8a52 was cancelled');
    expect(email.text).toContain(`order ${order.orderId} was cancelled because ${why}`);
    expect(email.html).toContain(why);
  });

  test('names and product names are escaped in HTML and kept verbatim in text', () => {
    const welcome = renderWelcome(hostile);
    const confirmed = renderOrderConfirmed(hostile, order);

    for (const html of [welcome.html, confirmed.html]) {
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    }
    expect(confirmed.html).toContain('Tea &lt;b&gt;cup&lt;/b&gt;');
    expect(welcome.text).toContain('Hello <script>alert("x")</script> & Co,');
  });

  test('a name cannot add lines to a body', () => {
    const email = renderWelcome({ name: 'Ada\r\nBcc: eve@example.com' });

    expect(email.text).toContain('Hello Ada Bcc: eve@example.com,');
    expect(email.subject).toBe('Welcome to Shop');
  });
});
