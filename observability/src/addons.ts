import { stringify } from 'yaml';
import { ruleGroups } from './alerts/rules';
import { overviewDashboard } from './dashboards/overview';
import { serviceDashboard } from './dashboards/service';
import { buildDashboard, type DashboardSpec } from './panels';
import { topology } from '@shop/topology';

/** The namespace of Istio's addons (samples/addons): Grafana and Prometheus run there. */
export const ADDONS_NAMESPACE = 'istio-system';
/** The ConfigMap the cdk8s app ships with every dashboard's JSON, one key per dashboard. */
export const DASHBOARDS_CONFIGMAP = 'shop-grafana-dashboards';
/** Where the addon's Grafana reads them (a file provider, folder "shop"). */
const DASHBOARDS_DIR = '/var/lib/grafana/dashboards/shop';
const PROVIDER_KEY = 'shop-dashboard-provider.yaml';

/** The overview first, then one per service of the topology. */
export const dashboardSpecs: readonly DashboardSpec[] = [
  overviewDashboard,
  ...topology.map(serviceDashboard),
];

/**
 * The ConfigMap's data: `<uid>.json` per dashboard and the provider file. The addon's Grafana
 * provisions only the two Istio ConfigMaps it mounts, so `grafanaDeploymentPatch` mounts this one
 * beside them (Grafana's file provider reads only the `.json` files of the folder).
 */
export function dashboardsConfigMapData(): Record<string, string> {
  const data: Record<string, string> = {
    [PROVIDER_KEY]: stringify({
      apiVersion: 1,
      providers: [
        {
          name: 'shop',
          folder: 'shop',
          orgId: 1,
          type: 'file',
          disableDeletion: false,
          options: { path: DASHBOARDS_DIR },
        },
      ],
    }),
  };
  for (const spec of dashboardSpecs)
    data[`${spec.uid}.json`] = JSON.stringify(buildDashboard(spec));
  return data;
}

/** A strategic-merge patch of the addon's `grafana` Deployment mounting the dashboards. */
export function grafanaDeploymentPatch(): object {
  return {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'grafana',
              volumeMounts: [
                { name: 'dashboards-shop', mountPath: DASHBOARDS_DIR },
                {
                  name: 'dashboards-shop',
                  mountPath: `/etc/grafana/provisioning/dashboards/${PROVIDER_KEY}`,
                  subPath: PROVIDER_KEY,
                },
              ],
            },
          ],
          volumes: [{ name: 'dashboards-shop', configMap: { name: DASHBOARDS_CONFIGMAP } }],
        },
      },
    },
  };
}

/** The alert rules as a Prometheus rules file. */
export function alertRulesYaml(): string {
  return stringify({ groups: ruleGroups }, { lineWidth: 0 });
}

/**
 * A merge patch of the addon's `prometheus` ConfigMap: its `alerts` key is one of the rule files
 * the addon's prometheus.yml lists (empty as shipped), and its config reloader picks it up.
 */
export function prometheusConfigMapPatch(): object {
  return { data: { alerts: alertRulesYaml() } };
}
