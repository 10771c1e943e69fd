import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { GrafanaDashboards } from '../constructs/grafana-dashboards';
import { PART_OF } from '../naming';

/** What the shop adds to Istio's observability addons: its Grafana dashboards. */
export class ObservabilityChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    new GrafanaDashboards(this, 'grafana', { labels: { 'app.kubernetes.io/part-of': PART_OF } });
  }
}
