import type { EventStreamKind } from '@shop/common';
import { edges, JWKS_PATH, JWKS_SERVICE, type ServiceSpec } from '@shop/topology';
import type { InboundAccess } from './constructs/inbound-access';
import type { OutboundPeer } from './constructs/workload-network-policy';
import {
  clientsOf,
  dependenciesOf,
  dependencyClientPorts,
  type DependencyName,
} from './dependencies/stateful-dependencies';
import {
  INGRESS_GATEWAY_PRINCIPAL,
  INGRESS_GATEWAY_SELECTOR,
  ISTIO_NAMESPACE,
  principalOf,
  selectorLabels,
} from './naming';

/**
 * Who may call `spec`, derived from the topology's edges among the deployed `services`, plus
 * the ingress gateway where the mesh needs it: to the ingress target, and to fetch the JWKS.
 */
export function inboundAccess(
  spec: ServiceSpec,
  services: readonly ServiceSpec[],
): InboundAccess[] {
  const callers = edges(services)
    .filter((edge) => edge.to === spec.name)
    .map((edge) => ({
      principal: principalOf(edge.from),
      peer: { labels: selectorLabels(edge.from) },
      port: edge.protocol === 'grpc' ? grpcPortOf(spec) : spec.httpPort,
    }));
  return [...callers, ...ingressAccess(spec)];
}

function ingressAccess(spec: ServiceSpec): InboundAccess[] {
  const ingress = {
    principal: INGRESS_GATEWAY_PRINCIPAL,
    peer: { namespace: ISTIO_NAMESPACE, labels: INGRESS_GATEWAY_SELECTOR },
    port: spec.httpPort,
  };
  return [
    ...(spec.ingress ? [ingress] : []),
    ...(spec.name === JWKS_SERVICE ? [{ ...ingress, methods: ['GET'], paths: [JWKS_PATH] }] : []),
  ];
}

/**
 * Where `spec` connects: the services it calls (among `services`) and its stateful dependencies
 * (Kafka only with `stream` kafka).
 */
export function outboundPeers(
  spec: ServiceSpec,
  services: readonly ServiceSpec[],
  stream: EventStreamKind,
): OutboundPeer[] {
  const calls = spec.calls.flatMap((call) => {
    const callee = services.find((s) => s.name === call.to);
    if (!callee) return [];
    return [
      { app: call.to, ports: [call.protocol === 'grpc' ? grpcPortOf(callee) : callee.httpPort] },
    ];
  });
  const stores = dependenciesOf(spec, stream).map((dep) => ({
    app: dep,
    ports: dependencyClientPorts[dep],
  }));
  return [...calls, ...stores];
}

function grpcPortOf(spec: ServiceSpec): number {
  if (!spec.grpcPort) throw new Error(`${spec.name} is called over gRPC but declares no grpcPort`);
  return spec.grpcPort;
}

/** Who may connect to a stateful dependency: the deployed services that use it, on its client ports. */
export function dependencyInbound(
  dependency: DependencyName,
  services: readonly ServiceSpec[],
  stream: EventStreamKind,
): InboundAccess[] {
  return clientsOf(dependency, services, stream).flatMap((client) =>
    dependencyClientPorts[dependency].map((port) => ({
      principal: principalOf(client.name),
      peer: { labels: selectorLabels(client.name) },
      port,
    })),
  );
}
