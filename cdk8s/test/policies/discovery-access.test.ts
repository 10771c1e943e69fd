import { named, ofKind, podSpecOf, synthesize } from '../support/manifests';
import { istioValidator, kubernetesValidator } from '../support/schema-validators';

describe('client-side discovery (SHOP_DISCOVERY=kubernetes)', () => {
  const manifests = synthesize({ discovery: 'kubernetes' });

  test('by default no workload can read the Kubernetes API', () => {
    const dns = synthesize();
    expect(ofKind(dns, 'Role')).toEqual([]);
    expect(podSpecOf(named(dns, 'Deployment', 'gateway-v1')).automountServiceAccountToken).toBe(
      false,
    );
    expect(named(dns, 'ConfigMap', 'gateway-config').data.DISCOVERY).toBe('dns');
  });

  test('the gateway switches to EndpointSlices and may only get, list and watch them', () => {
    expect(named(manifests, 'ConfigMap', 'gateway-config').data.DISCOVERY).toBe('kubernetes');
    const role = named(manifests, 'Role', 'gateway-endpointslice-reader');
    expect(role.rules).toEqual([
      {
        apiGroups: ['discovery.k8s.io'],
        resources: ['endpointslices'],
        verbs: ['get', 'list', 'watch'],
      },
    ]);
    const binding = named(manifests, 'RoleBinding', 'gateway-endpointslice-reader');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'gateway' }]);
    expect(
      podSpecOf(named(manifests, 'Deployment', 'gateway-v1')).automountServiceAccountToken,
    ).toBe(true);
  });

  test('only the gateway reaches the API server through its network policy', () => {
    const reachApi = ofKind(manifests, 'NetworkPolicy').filter((p) =>
      (p.spec.egress ?? []).some((rule: any) => rule.to?.some((peer: any) => peer.ipBlock)),
    );
    expect(reachApi.map((p) => p.metadata.name)).toEqual(['gateway']);
  });

  test('the objects stay valid', () => {
    const kubernetes = kubernetesValidator();
    const istio = istioValidator();
    const problems = manifests.flatMap((m) =>
      kubernetes.knows(m) ? kubernetes.validate(m) : istio.validate(m),
    );
    expect(problems).toEqual([]);
  });
});
