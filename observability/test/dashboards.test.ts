import { topology } from '@shop/topology';
import {
  dashboardsConfigMapData,
  dashboardSpecs,
  grafanaDeploymentPatch,
} from '@shop/observability';
import { parse } from 'yaml';

describe('the shipped Grafana dashboards', () => {
  const data = dashboardsConfigMapData();

  test('the overview and one dashboard per service of the topology, each with a unique uid', () => {
    const uids = dashboardSpecs.map((d) => d.uid);
    expect(uids).toEqual(['shop-overview', ...topology.map((s) => `shop-${s.name}`)]);
    expect(new Set(uids).size).toBe(uids.length);
  });

  test('the overview shows orders, the saga, RED per service, outbox, DLQ and the lags', () => {
    const overview = JSON.parse(data['shop-overview.json']!);
    const exprs = overview.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr));
    for (const metric of [
      'orders_final_total',
      'saga_duration_seconds_bucket',
      'http_request_duration_seconds_count',
      'outbox_pending_events',
      'events_queue_messages{kind="dlq"}',
      'product_view_lag_seconds',
      'analytics_stream_lag_seconds',
    ]) {
      expect(exprs.some((e: string) => e.includes(metric))).toBe(true);
    }
  });

  test('panels have unique ids and query the dashboard datasource variable', () => {
    for (const [key, text] of Object.entries(data).filter(([k]) => k.endsWith('.json'))) {
      const dashboard = JSON.parse(text);
      const ids = dashboard.panels.map((p: any) => p.id);
      expect({ key, unique: new Set(ids).size === ids.length }).toEqual({ key, unique: true });
      const sources = dashboard.panels
        .filter((p: any) => p.type !== 'row')
        .map((p: any) => p.datasource.uid);
      expect(new Set(sources)).toEqual(new Set(['${datasource}']));
    }
  });

  test('the provider file points Grafana at the folder the Deployment patch mounts', () => {
    const provider = parse(data['shop-dashboard-provider.yaml']!);
    const mounts = (grafanaDeploymentPatch() as any).spec.template.spec.containers[0].volumeMounts;
    expect(mounts.map((m: any) => m.mountPath)).toContain(provider.providers[0].options.path);
  });
});
