import { JWKS_PATH, JWT_AUDIENCE, JWT_ISSUER } from '@shop/topology';
import {
  EVERY_WORKLOAD,
  ofKind,
  synthesize,
  WORKLOAD_KINDS,
  type Manifest,
} from '../support/manifests';

/**
 * The mesh's zero-trust defaults, asserted over the synthesized objects (not a snapshot): a new
 * namespace or workload that escapes one of them fails here.
 */
const manifests = synthesize(EVERY_WORKLOAD);
const workloads = manifests.filter((m) => WORKLOAD_KINDS.includes(m.kind));
const namespaces = [...new Set(workloads.map((w) => w.metadata.namespace!))];
const podLabels = (w: Manifest): Record<string, string> => w.spec.template.metadata.labels ?? {};
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

test('the shop has workloads in at least one namespace (the checks below are not vacuous)', () => {
  expect(workloads.length).toBeGreaterThan(8);
  expect(namespaces.length).toBeGreaterThan(0);
});

test('mutual TLS is STRICT for the whole mesh, and nothing relaxes it', () => {
  const peers = ofKind(manifests, 'PeerAuthentication');
  const meshWide = peers.filter((p) => p.metadata.namespace === 'istio-system' && !p.spec.selector);
  expect(meshWide.map((p) => p.spec.mtls.mode)).toEqual(['STRICT']);
  for (const p of peers) {
    expect({ name: p.metadata.name, mode: p.spec.mtls?.mode ?? 'STRICT' }).toEqual({
      name: p.metadata.name,
      mode: 'STRICT',
    });
    for (const port of Object.values<any>(p.spec.portLevelMtls ?? {})) {
      expect(port.mode).toBe('STRICT');
    }
  }
});

test.each(namespaces)('namespace %s: sidecars injected and an allow-nothing default', (ns) => {
  const namespace = ofKind(manifests, 'Namespace').find((n) => n.metadata.name === ns);
  expect(namespace?.metadata.labels?.['istio-injection']).toBe('enabled');
  const defaults = ofKind(manifests, 'AuthorizationPolicy').filter(
    (p) => p.metadata.namespace === ns && Object.keys(p.spec ?? {}).length === 0,
  );
  expect(defaults.map((p) => p.metadata.name)).toEqual(['allow-nothing']);
  for (const w of workloads.filter((x) => x.metadata.namespace === ns)) {
    expect({
      workload: w.metadata.name,
      injected: podLabels(w)['sidecar.istio.io/inject'],
    }).not.toEqual({ workload: w.metadata.name, injected: 'false' });
  }
});

test.each(namespaces)(
  'namespace %s: every ALLOW policy names its workload (none opens the namespace)',
  (ns) => {
    const allows = ofKind(manifests, 'AuthorizationPolicy').filter(
      (p) => p.metadata.namespace === ns && (p.spec.action ?? 'ALLOW') === 'ALLOW' && p.spec.rules,
    );
    expect(allows.length).toBeGreaterThan(0);
    for (const p of allows) expect(Object.keys(p.spec.selector?.matchLabels ?? {})).not.toEqual([]);
  },
);

test.each(namespaces)('namespace %s: a default-deny NetworkPolicy for ingress and egress', (ns) => {
  const policies = ofKind(manifests, 'NetworkPolicy').filter((p) => p.metadata.namespace === ns);
  const denyAll = policies.filter(
    (p) =>
      Object.keys(p.spec.podSelector ?? {}).length === 0 &&
      ['Ingress', 'Egress'].every((t) => p.spec.policyTypes?.includes(t)) &&
      !p.spec.ingress &&
      !p.spec.egress,
  );
  expect(denyAll.map((p) => p.metadata.name)).toEqual(['default-deny']);
});

// A workload nobody calls (payment: events only) has no ALLOW policy: allow-nothing covers it.
test.each(workloads.map((w) => [`${w.metadata.namespace}/${w.metadata.name}`, w] as const))(
  'workload %s: a NetworkPolicy of its own, and only ALLOW rules naming who may call',
  (_name, w) => {
    const inNamespace = (kind: string) =>
      ofKind(manifests, kind).filter((p) => p.metadata.namespace === w.metadata.namespace);
    const own = (selector: Record<string, string> | undefined) =>
      Object.keys(selector ?? {}).length > 0 && selects(selector, podLabels(w));
    expect(inNamespace('NetworkPolicy').some((p) => own(p.spec.podSelector?.matchLabels))).toBe(
      true,
    );
    const allows = inNamespace('AuthorizationPolicy').filter(
      (p) => (p.spec.action ?? 'ALLOW') === 'ALLOW' && own(p.spec.selector?.matchLabels),
    );
    for (const rule of allows.flatMap((p) => p.spec.rules ?? [])) {
      const principals = (rule.from ?? []).flatMap((f: any) => f.source?.principals ?? []);
      expect(principals.length).toBeGreaterThan(0);
    }
  },
);

test('the ingress gateway validates tokens against the user service JWKS and refuses private routes without one', () => {
  const [auth, ...others] = ofKind(manifests, 'RequestAuthentication');
  expect(others).toEqual([]);
  expect(auth!.spec.selector.matchLabels).toEqual({ istio: 'ingressgateway' });
  expect(auth!.spec.jwtRules).toEqual([
    expect.objectContaining({
      issuer: JWT_ISSUER,
      audiences: [JWT_AUDIENCE],
      jwks_uri: expect.stringMatching(
        new RegExp(`^http://user\\.[a-z-]+\\.svc\\.cluster\\.local${JWKS_PATH}$`),
      ),
    }),
  ]);
  const deny = ofKind(manifests, 'AuthorizationPolicy').filter(
    (p) => p.metadata.namespace === auth!.metadata.namespace && p.spec.action === 'DENY',
  );
  const rules = deny.flatMap((p) => p.spec.rules);
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules)
    expect(rule.from).toEqual([{ source: { notRequestPrincipals: ['*'] } }]);
  expect(rules.some((r) => r.to.some((t: any) => t.operation.paths?.includes('/api/*')))).toBe(
    true,
  );
});
