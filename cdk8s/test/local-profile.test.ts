import { defaultDeliveryOptions } from '../src/config/delivery-options';
import { applyLocalProfile, LOCAL_CPU_REQUEST } from '../src/local-profile';
import { shopApp } from '../src/shop-app';
import { ofKind, type Manifest } from './support/manifests';

// make cluster-deploy: the manifests with the local profile (cdk8s/src/local-main.ts).
const app = shopApp(defaultDeliveryOptions, '/nonexistent');
applyLocalProfile(app);
const manifests = app.charts.flatMap((chart) => chart.toJson() as Manifest[]);
const named = (kind: string, name: string) =>
  ofKind(manifests, kind).find((m) => m.metadata.name === name)!;

test('every Deployment requests the local CPU and starts from one replica', () => {
  for (const d of ofKind(manifests, 'Deployment'))
    for (const c of d.spec.template.spec.containers)
      expect({ name: d.metadata.name, cpu: c.resources.requests.cpu }).toEqual({
        name: d.metadata.name,
        cpu: LOCAL_CPU_REQUEST,
      });
  for (const hpa of ofKind(manifests, 'HorizontalPodAutoscaler'))
    expect(hpa.spec.minReplicas).toBe(1);
});

test('order, on FerretDB standing in for MongoDB, is one process replaced on a rollout, never two writers', () => {
  expect(named('Deployment', 'order-v1').spec.strategy).toEqual({ type: 'Recreate' });
  expect(named('HorizontalPodAutoscaler', 'order-v1').spec.maxReplicas).toBe(1);
});

test('the PostgreSQL-backed services still roll with a surge and keep their maximum', () => {
  expect(named('Deployment', 'payment-v1').spec.strategy.type).toBe('RollingUpdate');
  expect(named('HorizontalPodAutoscaler', 'payment-v1').spec.maxReplicas).toBeGreaterThan(1);
});
