import type { EventData } from '@shop/common';
import { formatCents, itemLines, oneLine, shortId } from './format';
import { html, page } from './html';
import type { RenderedEmail } from './index';
import { itemTable } from './items';

export function renderOrderConfirmed(
  recipient: { name: string },
  order: EventData<'order.confirmed'>,
): RenderedEmail {
  const title = 'Your order is confirmed';
  return {
    subject: `Your order ${shortId(order.orderId)} is confirmed`,
    text: `Hello ${oneLine(recipient.name)},

thank you: order ${order.orderId} is confirmed and paid.

${itemLines(order.items)}
  Total  ${formatCents(order.total)}

Shop`,
    html: page(
      title,
      html`<p>Hello ${oneLine(recipient.name)},</p>
        <p>thank you: order <strong>${order.orderId}</strong> is confirmed and paid.</p>
        ${itemTable(order.items, order.total)}`,
    ),
  };
}
