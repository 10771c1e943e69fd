import { formatCents, type OrderItem } from './format';
import { html, type SafeHtml } from './html';

/** The order's lines and total as an HTML table. */
export function itemTable(items: readonly OrderItem[], total: number): SafeHtml {
  const rows = items.map(
    (i) =>
      html`<tr>
        <td>${i.quantity} &times; ${i.name}</td>
        <td style="text-align: right;">${formatCents(i.unitPrice * i.quantity)}</td>
      </tr>`,
  );
  return html`<table style="border-collapse: collapse; width: 100%;">
    ${rows}
    <tr>
      <th style="text-align: left;">Total</th>
      <th style="text-align: right;">${formatCents(total)}</th>
    </tr>
  </table>`;
}
