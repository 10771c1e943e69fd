import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDeliveryOptions } from '../config/delivery-options';
import { shopApp } from '../shop-app';
import { withSkaffoldArtifacts } from '../skaffold-artifacts';
import { writeHelmChart } from './helm-chart';

/**
 * `node cdk8s/dist/helm/main.js [chartDir] [skaffoldYaml]`: writes charts/shop from a
 * fresh synthesis, and skaffold.yaml's artifacts for the same services.
 */
const synthDir = mkdtempSync(join(tmpdir(), 'shop-synth-'));
shopApp(defaultDeliveryOptions, synthDir).synth();
writeHelmChart(synthDir, process.argv[2] ?? 'charts/shop');
rmSync(synthDir, { recursive: true });
const skaffoldFile = process.argv[3] ?? 'skaffold.yaml';
const skaffold = readFileSync(skaffoldFile, 'utf8');
writeFileSync(skaffoldFile, withSkaffoldArtifacts(skaffold, defaultDeliveryOptions.services));
