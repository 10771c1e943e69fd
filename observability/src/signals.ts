/**
 * The shop's signals as PromQL, written once: the dashboards query them over Grafana's
 * `$__rate_interval` and the alert rules over a fixed window, so a panel and the alert that
 * pages for it always mean the same thing. Gauges that every replica reports alike (queue
 * depths, the outbox table) are folded with `max`, counters with `sum`.
 */

/** A range for `rate()`: `$__rate_interval` on a dashboard, e.g. `5m` in a rule. */
export type Window = string;

/** The dashboards' range: Grafana picks it from the scrape interval and the zoom. */
export const DASHBOARD_WINDOW: Window = '$__rate_interval';

/** Saga duration p99 budget in seconds (a bucket boundary of `saga_duration_seconds`). */
export const SAGA_P99_BUDGET_SECONDS = 2.5;

/** Ratio of 5xx answers above which a service pages. */
export const ERROR_RATIO_BUDGET = 0.05;

/** Unpublished events in one outbox above which, still growing, the relay is stuck. */
export const OUTBOX_BACKLOG_BUDGET = 100;

/** Messages waiting in one consumer queue above which its consumer lags. */
export const CONSUMER_BACKLOG_BUDGET = 1000;

/** Read-model and stream lag above which the read side is stale enough to page. */
export const LAG_BUDGET_SECONDS = 30;

/** `metric{matchers}`, or the bare name when there are none. */
function select(metric: string, ...matchers: Array<string | undefined>): string {
  const present = matchers.filter(Boolean);
  return present.length > 0 ? `${metric}{${present.join(',')}}` : metric;
}

/** The matcher for one service, or none (every service) when omitted. */
function service(name?: string): string | undefined {
  return name ? `service="${name}"` : undefined;
}

export const orders = {
  /** Orders reaching a final state per second, by status and failure reason. */
  finalRate: (w: Window) => `sum by (status, reason) (rate(orders_final_total[${w}]))`,
  createdRate: (w: Window) => `sum(rate(orders_created_total[${w}]))`,
  /** Share of final orders cancelled (any reason). */
  cancelledRatio: (w: Window) =>
    `sum(rate(orders_final_total{status="CANCELLED"}[${w}])) / sum(rate(orders_final_total[${w}]))`,
};

export const saga = {
  /** The `q` quantile of creation-to-final time across all orders. */
  quantile: (q: number, w: Window) =>
    `histogram_quantile(${q}, sum by (le) (rate(saga_duration_seconds_bucket[${w}])))`,
};

const REQUEST_DURATION = 'http_request_duration_seconds';
const REQUESTS = `${REQUEST_DURATION}_count`;

export const http = {
  requestRate: (w: Window, name?: string, by = 'service') =>
    `sum by (${by}) (rate(${select(REQUESTS, service(name))}[${w}]))`,
  /** 5xx answers over all answers. */
  errorRatio: (w: Window, name?: string, by = 'service') =>
    `sum by (${by}) (rate(${select(REQUESTS, 'status=~"5.."', service(name))}[${w}]))` +
    ` / sum by (${by}) (rate(${select(REQUESTS, service(name))}[${w}]))`,
  quantile: (q: number, w: Window, name?: string, by = 'service') =>
    `histogram_quantile(${q}, sum by (${by}, le) (rate(${select(`${REQUEST_DURATION}_bucket`, service(name))}[${w}])))`,
};

const OUTBOX = 'outbox_pending_events';

export const events = {
  /** Events committed to a service's outbox but not yet confirmed by the broker. */
  outboxBacklog: (name?: string) => `max by (service) (${select(OUTBOX, service(name))})`,
  /** How much each service's outbox grew over `w` (negative while it drains). */
  outboxGrowth: (w: Window) => `max by (service) (delta(${OUTBOX}[${w}]))`,
  /** Messages in each consumer queue of `kind`: `ready` (the backlog), `retry` or `dlq`. */
  queueMessages: (kind: 'ready' | 'retry' | 'dlq', name?: string) =>
    `max by (queue) (${select('events_queue_messages', `kind="${kind}"`, service(name))})`,
};

export const lag = {
  /** Event time to applied in the catalog's read model (product_view). */
  readModel: () => 'max(product_view_lag_seconds)',
  /** Event time to applied in analytics' order stream consumer. */
  stream: () => 'max(analytics_stream_lag_seconds)',
};

export const runtime = {
  cpu: (w: Window, name: string) =>
    `sum by (pod) (rate(${select('process_cpu_seconds_total', service(name))}[${w}]))`,
  memory: (name: string) =>
    `max by (pod) (${select('process_resident_memory_bytes', service(name))})`,
  eventLoopLag: (name: string) =>
    `max by (pod) (${select('nodejs_eventloop_lag_p99_seconds', service(name))})`,
};
