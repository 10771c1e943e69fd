import type { EventData } from '@shop/common';
import { formatCents, itemLines, oneLine, shortId } from './format';
import { html, page } from './html';
import type { RenderedEmail } from './index';
import { itemTable } from './items';

type Cancelled = EventData<'order.cancelled'>;

const REASONS: Record<Cancelled['reason'], string> = {
  OUT_OF_STOCK: 'an item in it is out of stock',
  PAYMENT_DECLINED: 'the payment was declined',
  TIMEOUT: 'we could not complete it in time',
};

export function renderOrderCancelled(recipient: { name: string }, order: Cancelled): RenderedEmail {
  const title = 'Your order was cancelled';
  const why = REASONS[order.reason];
  return {
    subject: `Your order ${shortId(order.orderId)} was cancelled`,
    text: `Hello ${oneLine(recipient.name)},

we are sorry: order ${order.orderId} was cancelled because ${why}. Nothing is charged: any payment taken for it is refunded.

${itemLines(order.items)}
  Total  ${formatCents(order.total)}

Shop`,
    html: page(
      title,
      html`<p>Hello ${oneLine(recipient.name)},</p>
        <p>
          we are sorry: order <strong>${order.orderId}</strong> was cancelled because ${why}.
          Nothing is charged: any payment taken for it is refunded.
        </p>
        ${itemTable(order.items, order.total)}`,
    ),
  };
}
