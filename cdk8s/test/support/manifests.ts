import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDeliveryOptions, type DeliveryOptions } from '../../src/config/delivery-options';
import { shopApp } from '../../src/shop-app';

/** A synthesized Kubernetes or Istio object. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
  };
  readonly spec?: any;
  readonly [field: string]: any;
}

/** Every object the app synthesizes with `options`, in apply order. */
export function synthesize(options: Partial<DeliveryOptions> = {}): Manifest[] {
  const app = shopApp({ ...defaultDeliveryOptions, ...options }, '/nonexistent');
  return app.charts.flatMap((chart) => chart.toJson() as Manifest[]);
}

/** Synthesizes into a fresh temporary directory, as `make synth` does into dist/, and returns it. */
export function synthesizeToDirectory(options: Partial<DeliveryOptions> = {}): string {
  const outdir = mkdtempSync(join(tmpdir(), 'shop-synth-'));
  shopApp({ ...defaultDeliveryOptions, ...options }, outdir).synth();
  return outdir;
}

/**
 * Options under which every workload kind of the app is synthesized: the default objects plus
 * Kafka (EVENT_STREAM=kafka). The per-workload checks run over it.
 */
export const EVERY_WORKLOAD: Partial<DeliveryOptions> = { eventStream: 'kafka' };

export const ofKind = (manifests: readonly Manifest[], kind: string) =>
  manifests.filter((m) => m.kind === kind);

export function named(manifests: readonly Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name}`);
  return found;
}

/** The pod spec of a workload object (Deployment, StatefulSet, Job). */
export function podSpecOf(workload: Manifest): any {
  return workload.spec.template.spec;
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

export const repoRoot = join(__dirname, '..', '..', '..');
