import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStreamKind } from '@shop/common';
import { defaultDeliveryOptions } from '../config/delivery-options';
import { shopApp } from '../shop-app';
import { withSkaffoldArtifacts } from '../skaffold-artifacts';
import { writeHelmChart } from './helm-chart';

/**
 * `node cdk8s/dist/helm/main.js [chartDir] [skaffoldYaml]`: writes charts/shop from a
 * fresh synthesis of each event stream, and skaffold.yaml's artifacts for the same services.
 */
const synthesis = (eventStream: EventStreamKind) => {
  const dir = mkdtempSync(join(tmpdir(), 'shop-synth-'));
  shopApp({ ...defaultDeliveryOptions, eventStream }, dir).synth();
  return dir;
};
const synthDirs = { rabbitmq: synthesis('rabbitmq'), kafka: synthesis('kafka') };
writeHelmChart(synthDirs, process.argv[2] ?? 'charts/shop');
for (const dir of Object.values(synthDirs)) rmSync(dir, { recursive: true });
const skaffoldFile = process.argv[3] ?? 'skaffold.yaml';
const skaffold = readFileSync(skaffoldFile, 'utf8');
writeFileSync(skaffoldFile, withSkaffoldArtifacts(skaffold, defaultDeliveryOptions.services));
