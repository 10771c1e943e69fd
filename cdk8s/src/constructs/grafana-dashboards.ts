import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ADDONS_NAMESPACE,
  DASHBOARDS_CONFIGMAP,
  dashboardsConfigMapData,
} from '@shop/observability';

export interface GrafanaDashboardsProps {
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The shop's Grafana dashboards (observability/, grafana-foundation-sdk) as the ConfigMap that
 * Istio's Grafana addon mounts once `make dashboards` has patched it (observability/README.md).
 */
export class GrafanaDashboards extends Construct {
  constructor(scope: Construct, id: string, props: GrafanaDashboardsProps = {}) {
    super(scope, id);
    new k8s.KubeConfigMap(this, 'dashboards', {
      metadata: {
        name: DASHBOARDS_CONFIGMAP,
        namespace: ADDONS_NAMESPACE,
        labels: { ...props.labels, 'app.kubernetes.io/component': 'dashboards' },
      },
      data: dashboardsConfigMapData(),
    });
  }
}
