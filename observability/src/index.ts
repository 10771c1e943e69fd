export * from './addons';
export { ruleGroups, type AlertRule, type RuleGroup } from './alerts/rules';
export { buildDashboard, type DashboardSpec } from './panels';
export { metricNames, namedExpressions, referencedMetrics } from './metric-names';
