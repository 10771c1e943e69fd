import { metricNames, namedExpressions } from '@shop/observability';

describe('metricNames', () => {
  test.each([
    ['sum by (status, reason) (rate(orders_final_total[5m]))', ['orders_final_total']],
    [
      'histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{service="order"}[$__rate_interval])))',
      ['http_request_duration_seconds_bucket'],
    ],
    [
      'max by (service) (outbox_pending_events) > 100 and max by (service) (delta(outbox_pending_events[10m])) > 0',
      ['outbox_pending_events'],
    ],
    [
      'sum(rate(a_total{status=~"5..", route="/by (x)"}[5m])) / on (service) group_left sum(b_total)',
      ['a_total', 'b_total'],
    ],
  ])('%s names %j', (expr, names) => {
    expect(metricNames(expr).sort()).toEqual(names);
  });

  test('every dashboard panel and alert rule names at least one metric', () => {
    const nameless = namedExpressions().filter((e) => metricNames(e.expr).length === 0);
    expect(nameless).toEqual([]);
  });
});
