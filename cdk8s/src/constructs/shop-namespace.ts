import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ISTIO_NAMESPACE, PART_OF } from '../naming';

export interface ShopNamespaceProps {
  readonly name: string;
}

/** Envoy's metrics port, scraped by Prometheus (Istio merges the app's /metrics into it). */
const ENVOY_MERGED_METRICS_PORT = 15020;
/** istiod's xDS and CA port. */
const ISTIOD_PORT = 15012;
/**
 * The Jaeger addon's collector: OTLP gRPC (Envoy, mesh/istio-install.yaml's `jaeger` provider)
 * and OTLP HTTP (the services). Nothing speaks Zipkin (9411), so it stays closed.
 */
const JAEGER_PORTS = [4317, 4318];

/**
 * The shop's namespace, sidecar injection on, and its baseline NetworkPolicies: deny everything,
 * then let every pod resolve DNS, reach istiod, send spans to Jaeger and be scraped by Prometheus
 * from istio-system.
 */
export class ShopNamespace extends Construct {
  constructor(scope: Construct, id: string, props: ShopNamespaceProps) {
    super(scope, id);
    const labels = { 'app.kubernetes.io/part-of': PART_OF };
    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: props.name,
        labels: {
          ...labels,
          'istio-injection': 'enabled',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    });
    const metadata = (name: string) => ({ name, namespace: props.name, labels });
    const istioSystem = {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ISTIO_NAMESPACE } },
    };
    const tcp = (port: number) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });
    new k8s.KubeNetworkPolicy(this, 'default-deny', {
      metadata: metadata('default-deny'),
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new k8s.KubeNetworkPolicy(this, 'dns-and-istiod', {
      metadata: metadata('allow-dns-and-istiod'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, tcp(53)],
          },
          { to: [istioSystem], ports: [tcp(ISTIOD_PORT)] },
        ],
      },
    });
    new k8s.KubeNetworkPolicy(this, 'tracing', {
      metadata: metadata('allow-tracing'),
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ...istioSystem, podSelector: { matchLabels: { app: 'jaeger' } } }],
            ports: JAEGER_PORTS.map(tcp),
          },
        ],
      },
    });
    new k8s.KubeNetworkPolicy(this, 'metrics-scrape', {
      metadata: metadata('allow-metrics-scrape'),
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ from: [istioSystem], ports: [tcp(ENVOY_MERGED_METRICS_PORT)] }],
      },
    });
  }
}
