import type { DashboardSpec } from '../panels';
import {
  DASHBOARD_WINDOW as W,
  events,
  http,
  lag,
  orders,
  saga,
  SAGA_P99_BUDGET_SECONDS,
} from '../signals';

/** The shop at a glance: what an on-call engineer opens first. */
export const overviewDashboard: DashboardSpec = {
  uid: 'shop-overview',
  title: 'Shop / Overview',
  description: 'Orders, the saga, every service (RED), the event backbone and the read side',
  tags: ['shop'],
  rows: [
    {
      title: 'Orders and the saga',
      panels: [
        {
          title: 'Orders final per second, by status and reason',
          unit: 'reqps',
          queries: [{ expr: orders.finalRate(W), legend: '{{status}} {{reason}}' }],
        },
        {
          title: 'Saga duration (creation to final)',
          description: `p99 budget: ${SAGA_P99_BUDGET_SECONDS} s`,
          unit: 's',
          queries: [0.5, 0.95, 0.99].map((q) => ({
            expr: saga.quantile(q, W),
            legend: `p${q * 100}`,
          })),
        },
      ],
    },
    {
      title: 'Requests per service (RED)',
      panels: [
        {
          title: 'Request rate',
          unit: 'reqps',
          span: 8,
          queries: [{ expr: http.requestRate(W), legend: '{{service}}' }],
        },
        {
          title: 'Error ratio (5xx)',
          unit: 'percentunit',
          span: 8,
          queries: [{ expr: http.errorRatio(W), legend: '{{service}}' }],
        },
        {
          title: 'Duration p99',
          unit: 's',
          span: 8,
          queries: [{ expr: http.quantile(0.99, W), legend: '{{service}}' }],
        },
      ],
    },
    {
      title: 'Event backbone',
      panels: [
        {
          title: 'Outbox backlog',
          description: 'Events committed but not yet confirmed by the broker, per service',
          unit: 'short',
          span: 8,
          queries: [{ expr: events.outboxBacklog(), legend: '{{service}}' }],
        },
        {
          title: 'Dead-lettered messages (DLQ depth)',
          description: 'make dlq-list QUEUE=<queue> shows them, make dlq-replay puts them back',
          unit: 'short',
          span: 8,
          queries: [{ expr: events.queueMessages('dlq'), legend: '{{queue}}' }],
        },
        {
          title: 'Consumer backlog (ready messages)',
          unit: 'short',
          span: 8,
          queries: [{ expr: events.queueMessages('ready'), legend: '{{queue}}' }],
        },
      ],
    },
    {
      title: 'Read side',
      panels: [
        {
          title: 'Catalog read-model lag',
          unit: 's',
          queries: [{ expr: lag.readModel(), legend: 'product_view' }],
        },
        {
          title: 'Analytics order stream lag',
          unit: 's',
          queries: [{ expr: lag.stream(), legend: 'analytics.orders' }],
        },
      ],
    },
  ],
};
