import { edges, topology, type ServiceSpec } from '@shop/topology';
import { INGRESS_GATEWAY_PRINCIPAL, principalOf } from '../../src/naming';
import { ofKind, synthesize, type Manifest } from '../support/manifests';

/** Principals each ALLOW policy admits, per protected app, ingress gateway left out. */
function allowedCallers(manifests: Manifest[]): Map<string, string[]> {
  const allow = ofKind(manifests, 'AuthorizationPolicy').filter((p) => p.spec.action === 'ALLOW');
  return new Map(
    allow.map((p) => {
      const principals = p.spec.rules.flatMap((r: any) =>
        r.from.flatMap((f: any) => f.source.principals),
      );
      return [
        p.spec.selector.matchLabels.app,
        principals.filter((x: string) => x !== INGRESS_GATEWAY_PRINCIPAL).sort(),
      ];
    }),
  );
}

/** Apps each NetworkPolicy lets in and out, by pod selector inside the shop namespace. */
function networkPeers(manifests: Manifest[], app: string) {
  const policy = ofKind(manifests, 'NetworkPolicy').find((p) => p.metadata.name === app)!;
  const shopPeers = (rules: any[], side: 'from' | 'to') =>
    rules
      .flatMap((r) => r[side])
      .filter((p: any) => !p.namespaceSelector)
      .map((p: any) => p.podSelector.matchLabels.app);
  return {
    ingress: shopPeers(policy.spec.ingress, 'from').sort(),
    egress: shopPeers(policy.spec.egress, 'to'),
  };
}

const expectedCallers = (services: readonly ServiceSpec[], name: string) =>
  [
    ...new Set(
      edges(services)
        .filter((e) => e.to === name)
        .map((e) => principalOf(e.from)),
    ),
  ].sort();

describe('authorization follows the topology', () => {
  const manifests = synthesize();
  const allowed = allowedCallers(manifests);

  test.each(topology.map((s) => [s.name] as const))(
    "%s admits exactly its callers' service accounts",
    (name) => {
      expect(allowed.get(name) ?? []).toEqual(expectedCallers(topology, name));
    },
  );

  test("every edge of the topology is allowed on the callee's port for its protocol", () => {
    const policies = ofKind(manifests, 'AuthorizationPolicy');
    for (const edge of edges(topology)) {
      const callee = topology.find((s) => s.name === edge.to)!;
      const port = String(edge.protocol === 'grpc' ? callee.grpcPort : callee.httpPort);
      const rules = policies.find((p) => p.metadata.name === `${edge.to}-allow-callers`)!.spec
        .rules;
      const rule = rules.find((r: any) =>
        r.from[0].source.principals.includes(principalOf(edge.from)),
      );
      expect({ edge, ports: rule.to[0].operation.ports }).toEqual({ edge, ports: [port] });
    }
  });

  test('only the ingress target and the JWKS endpoint admit the ingress gateway', () => {
    const admitting = ofKind(manifests, 'AuthorizationPolicy')
      .filter((p) => JSON.stringify(p.spec).includes(INGRESS_GATEWAY_PRINCIPAL))
      .map((p) => p.metadata.name);
    expect(admitting.sort()).toEqual(['gateway-allow-callers', 'user-allow-callers']);
  });

  test('identity headers are trusted from the gateway only', () => {
    const deny = ofKind(manifests, 'AuthorizationPolicy').filter(
      (p) => p.spec.action === 'DENY' && p.metadata.namespace === 'shop',
    );
    expect(deny.map((p) => p.spec.selector.matchLabels.app).sort()).toEqual(
      topology
        .map((s) => s.name)
        .filter((n) => n !== 'gateway')
        .sort(),
    );
    expect(deny[0]!.spec.rules[0].from[0].source.notPrincipals).toEqual([principalOf('gateway')]);
  });
});

describe('network policies follow the same graph', () => {
  const manifests = synthesize();

  test.each(topology.map((s) => [s.name, s] as const))(
    '%s accepts its callers and reaches its callees',
    (name, spec) => {
      const peers = networkPeers(manifests, name);
      const callers = [
        ...new Set(
          edges(topology)
            .filter((e) => e.to === name)
            .map((e) => e.from),
        ),
      ].sort();
      expect(peers.ingress).toEqual(callers);
      expect(peers.egress.filter((app: string) => topology.some((s) => s.name === app))).toEqual(
        spec.calls.map((c) => c.to),
      );
    },
  );
});

describe('removing an edge from the topology', () => {
  const withoutOrderToProduct = topology.map((s) => (s.name === 'order' ? { ...s, calls: [] } : s));
  const manifests = synthesize({ services: withoutOrderToProduct });

  test("removes the caller's principal from the callee's authorization policy", () => {
    expect(allowedCallers(synthesize()).get('product')).toContain(principalOf('order'));
    expect(allowedCallers(manifests).get('product')).not.toContain(principalOf('order'));
  });

  test("removes the caller from the callee's network policy, and the callee from the caller's", () => {
    expect(networkPeers(manifests, 'product').ingress).not.toContain('order');
    expect(networkPeers(manifests, 'order').egress).not.toContain('product');
  });
});
