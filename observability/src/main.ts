import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alertRulesYaml, grafanaDeploymentPatch, prometheusConfigMapPatch } from './addons';

/**
 * `node observability/dist/main.js [outdir]` (`make observability`): the rules file promtool
 * checks and the two patches `make dashboards` applies to Istio's addons. The dashboards
 * themselves ship in the cdk8s app's ConfigMap.
 */
const outdir = process.argv[2] ?? 'observability/out';
mkdirSync(outdir, { recursive: true });
const files: Record<string, string> = {
  'shop-alerts.rules.yml': alertRulesYaml(),
  'grafana-deployment.patch.json': JSON.stringify(grafanaDeploymentPatch(), null, 2),
  'prometheus-configmap.patch.json': JSON.stringify(prometheusConfigMapPatch(), null, 2),
};
for (const [name, text] of Object.entries(files)) writeFileSync(path.join(outdir, name), text);
console.log(`observability: ${Object.keys(files).join(', ')} in ${outdir}/`);
