import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDeliveryOptions } from '../config/delivery-options';
import { shopApp } from '../shop-app';
import { writeHelmChart } from './helm-chart';

/** `node cdk8s/dist/cdk8s/src/helm/main.js [chartDir]`: writes charts/shop from a fresh synthesis. */
const synthDir = mkdtempSync(join(tmpdir(), 'shop-synth-'));
shopApp(defaultDeliveryOptions, synthDir).synth();
writeHelmChart(synthDir, process.argv[2] ?? 'charts/shop');
rmSync(synthDir, { recursive: true });
