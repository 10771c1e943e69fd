import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { appLabels, selectorLabels } from '../naming';
import type { InboundAccess } from './inbound-access';

/** A workload this one connects to. */
export interface OutboundPeer {
  readonly app: string;
  readonly ports: readonly number[];
}

export interface WorkloadNetworkPolicyProps {
  readonly app: string;
  readonly inbound: readonly InboundAccess[];
  readonly outbound: readonly OutboundPeer[];
  /** Allow HTTPS to the Kubernetes API server, which no pod selector can name. @default false */
  readonly kubernetesApi?: boolean;
}

/** Ports the Kubernetes API server listens on (443 behind the `kubernetes` Service, 6443 on nodes). */
const KUBERNETES_API_PORTS = [443, 6443];

/**
 * The NetworkPolicy of one workload: the same graph as its AuthorizationPolicy, at L3/L4. It only
 * adds to the namespace's default deny (ShopNamespace), which also opens DNS and istiod.
 */
export class WorkloadNetworkPolicy extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadNetworkPolicyProps) {
    super(scope, id);
    new k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata: { name: props.app, labels: appLabels(props.app) },
      spec: {
        podSelector: { matchLabels: selectorLabels(props.app) },
        policyTypes: ['Ingress', 'Egress'],
        ingress: props.inbound.map((access) => ({
          from: [peerOf(access.peer)],
          ports: [tcp(access.port)],
        })),
        egress: [
          ...props.outbound.map((peer) => ({
            to: [{ podSelector: { matchLabels: selectorLabels(peer.app) } }],
            ports: peer.ports.map(tcp),
          })),
          ...(props.kubernetesApi
            ? [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: KUBERNETES_API_PORTS.map(tcp) }]
            : []),
        ],
      },
    });
  }
}

function peerOf(peer: InboundAccess['peer']): k8s.NetworkPolicyPeer {
  const podSelector = { matchLabels: { ...peer.labels } };
  if (!peer.namespace) return { podSelector };
  return {
    podSelector,
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
  };
}

function tcp(port: number): k8s.NetworkPolicyPort {
  return { protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) };
}
