export {
  ADDONS_NAMESPACE,
  alertRulesYaml,
  DASHBOARDS_CONFIGMAP,
  dashboardsConfigMapData,
  dashboardSpecs,
  grafanaDeploymentPatch,
  prometheusConfigMapPatch,
} from './addons';
export { ruleGroups, type AlertRule, type RuleGroup } from './alerts/rules';
export { buildDashboard, type DashboardSpec } from './panels';
export { metricNames, namedExpressions, referencedMetrics } from './metric-names';
