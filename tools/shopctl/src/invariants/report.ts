import type { InvariantReport } from './model';

const LISTED = 50;

/** The report as a person reads it: counts, then each violation with its order or product. */
export function formatReport(report: InvariantReport): string {
  const { orders, violations } = report;
  const lines = [
    `invariants: ${report.ok ? 'all hold' : `${violations.length} violation(s)`} ` +
      `(${orders.total} orders: ${orders.confirmed} confirmed, ${orders.cancelled} cancelled, ` +
      `${orders.pending} pending; ${report.products} products)`,
    ...violations
      .slice(0, LISTED)
      .map(
        (v) =>
          `  ${v.invariant.padEnd(26)} ${v.orderId ? `order ${v.orderId}` : `product ${v.productId}`}: ${v.detail}`,
      ),
  ];
  if (violations.length > LISTED) lines.push(`  ... and ${violations.length - LISTED} more`);
  return lines.join('\n') + '\n';
}
