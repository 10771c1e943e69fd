import {
  CONSUMER_BACKLOG_BUDGET,
  ERROR_RATIO_BUDGET,
  events,
  http,
  lag,
  LAG_BUDGET_SECONDS,
  OUTBOX_BACKLOG_BUDGET,
  saga,
  SAGA_P99_BUDGET_SECONDS,
} from '../signals';

/** One Prometheus alerting rule, as in a rules file. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { readonly severity: 'page' | 'ticket' };
  readonly annotations: { readonly summary: string; readonly runbook: string };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

/** The window the rules rate over: a few scrapes of the addon Prometheus (15 s interval). */
const WINDOW = '5m';
/** Where each alert's meaning and first steps are written down. */
const RUNBOOK = 'docs/observability.md#alerts';

const rule = (r: Omit<AlertRule, 'annotations'> & { summary: string }): AlertRule => ({
  alert: r.alert,
  expr: r.expr,
  for: r.for,
  labels: r.labels,
  annotations: { summary: r.summary, runbook: RUNBOOK },
});

/** The shop's alerts: the same signals as the overview dashboard, with their budgets. */
export const ruleGroups: readonly RuleGroup[] = [
  {
    name: 'shop-events',
    rules: [
      rule({
        alert: 'ShopDeadLetters',
        expr: `${events.queueMessages('dlq')} > 0`,
        for: '1m',
        labels: { severity: 'ticket' },
        summary: '{{ $value }} messages dead-lettered in {{ $labels.queue }}.dlq',
      }),
      rule({
        alert: 'ShopOutboxBacklogGrowing',
        expr: `${events.outboxBacklog()} > ${OUTBOX_BACKLOG_BUDGET} and ${events.outboxGrowth('10m')} > 0`,
        for: '10m',
        labels: { severity: 'page' },
        summary: '{{ $labels.service }} outbox holds {{ $value }} unpublished events and growing',
      }),
      rule({
        alert: 'ShopConsumerBacklog',
        expr: `${events.queueMessages('ready')} > ${CONSUMER_BACKLOG_BUDGET}`,
        for: '10m',
        labels: { severity: 'ticket' },
        summary: '{{ $value }} messages wait in {{ $labels.queue }}: its consumer lags',
      }),
    ],
  },
  {
    name: 'shop-saga',
    rules: [
      rule({
        alert: 'ShopSagaSlow',
        expr: `${saga.quantile(0.99, WINDOW)} > ${SAGA_P99_BUDGET_SECONDS}`,
        for: '10m',
        labels: { severity: 'page' },
        summary: `Saga p99 is {{ $value | humanizeDuration }} (budget ${SAGA_P99_BUDGET_SECONDS} s)`,
      }),
    ],
  },
  {
    name: 'shop-requests',
    rules: [
      rule({
        alert: 'ShopErrorRatioHigh',
        expr: `${http.errorRatio(WINDOW)} > ${ERROR_RATIO_BUDGET}`,
        for: '5m',
        labels: { severity: 'page' },
        summary:
          '{{ $labels.service }} answers {{ $value | humanizePercentage }} of requests with 5xx',
      }),
    ],
  },
  {
    name: 'shop-read-side',
    rules: [
      rule({
        alert: 'ShopReadModelLagging',
        expr: `${lag.readModel()} > ${LAG_BUDGET_SECONDS}`,
        for: '5m',
        labels: { severity: 'ticket' },
        summary: 'The catalog read model is {{ $value | humanizeDuration }} behind',
      }),
      rule({
        alert: 'ShopStreamLagging',
        expr: `${lag.stream()} > ${LAG_BUDGET_SECONDS}`,
        for: '5m',
        labels: { severity: 'ticket' },
        summary: 'Analytics is {{ $value | humanizeDuration }} behind the order stream',
      }),
    ],
  },
];
