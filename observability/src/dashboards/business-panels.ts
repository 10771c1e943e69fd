import type { ServiceName } from '@shop/topology';
import type { PanelSpec } from '../panels';
import { DASHBOARD_WINDOW as W, lag, orders, saga } from '../signals';

const rateBy = (metric: string, by: string) => `sum by (${by}) (rate(${metric}[${W}]))`;

/** Each service's own counters: what it decides, beside the generic RED and process panels. */
export const businessPanels: Partial<Record<ServiceName, readonly PanelSpec[]>> = {
  gateway: [
    {
      title: 'Upstream errors by upstream and kind',
      unit: 'reqps',
      queries: [
        {
          expr: rateBy('gateway_upstream_errors_total', 'upstream, kind'),
          legend: '{{upstream}} {{kind}}',
        },
      ],
    },
    {
      title: 'Dashboards answered degraded, by missing part',
      unit: 'reqps',
      queries: [{ expr: rateBy('gateway_dashboard_degraded_total', 'part'), legend: '{{part}}' }],
    },
  ],
  user: [
    {
      title: 'Logins by result',
      unit: 'reqps',
      queries: [{ expr: rateBy('logins_total', 'result'), legend: '{{result}}' }],
    },
    {
      title: 'Accounts created',
      unit: 'reqps',
      queries: [{ expr: `sum(rate(users_registered_total[${W}]))`, legend: 'registered' }],
    },
  ],
  product: [
    {
      title: 'Read-model lag (product_view)',
      unit: 's',
      queries: [{ expr: lag.readModel(), legend: 'lag' }],
    },
  ],
  order: [
    {
      title: 'Orders created and final',
      unit: 'reqps',
      queries: [
        { expr: orders.createdRate(W), legend: 'created' },
        { expr: orders.finalRate(W), legend: '{{status}} {{reason}}' },
      ],
    },
    {
      title: 'Saga duration',
      unit: 's',
      queries: [0.5, 0.99].map((q) => ({ expr: saga.quantile(q, W), legend: `p${q * 100}` })),
    },
  ],
  payment: [
    {
      title: 'Payments by result',
      unit: 'reqps',
      queries: [{ expr: rateBy('payments_total', 'result'), legend: '{{result}}' }],
    },
    {
      title: 'Cents charged and refunded per second',
      unit: 'short',
      queries: [{ expr: rateBy('payment_amount_cents_total', 'result'), legend: '{{result}}' }],
    },
  ],
  inventory: [
    {
      title: 'Reservations by result',
      unit: 'reqps',
      queries: [{ expr: rateBy('inventory_reservations_total', 'result'), legend: '{{result}}' }],
    },
  ],
  notification: [
    {
      title: 'Emails sent by kind, SMTP failures',
      unit: 'reqps',
      queries: [
        { expr: rateBy('notifications_sent_total', 'kind'), legend: '{{kind}}' },
        { expr: `sum(rate(smtp_failures_total[${W}]))`, legend: 'smtp failures' },
      ],
    },
    {
      title: 'Emails waiting for the SMTP server',
      unit: 'short',
      queries: [{ expr: 'max(notifications_pending)', legend: 'pending' }],
    },
  ],
  analytics: [
    {
      title: 'Order stream messages by outcome',
      unit: 'reqps',
      queries: [
        { expr: rateBy('analytics_stream_messages_total', 'outcome'), legend: '{{outcome}}' },
      ],
    },
    {
      title: 'Order stream lag',
      unit: 's',
      queries: [{ expr: lag.stream(), legend: 'lag' }],
    },
  ],
};
