/** Names shared by the charts, the mesh objects and the tests: namespaces, labels, identities. */
export const SHOP_NAMESPACE = 'shop';
export const ISTIO_NAMESPACE = 'istio-system';
export const PART_OF = 'shop';

/** The service account of the `istio-ingressgateway` that `istioctl install` creates. */
export const INGRESS_GATEWAY_PRINCIPAL =
  'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';

/** The container port behind the ingress gateway's HTTP port 80. */
export const INGRESS_GATEWAY_HTTP_TARGET_PORT = 8080;

/** Labels of the ingress gateway pods, as installed by the default profile. */
export const INGRESS_GATEWAY_SELECTOR = { istio: 'ingressgateway' };

/** The SPIFFE-style principal Istio gives a workload running as `serviceAccount`. */
export function principalOf(serviceAccount: string, namespace: string = SHOP_NAMESPACE): string {
  return `cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

/** The labels that select every pod of one app, whatever its version. */
export function selectorLabels(app: string): Record<string, string> {
  return { app };
}

/** Labels of one app's objects; `version` is set on pods (Istio subsets and telemetry read it). */
export function appLabels(app: string, version?: string): Record<string, string> {
  return {
    app,
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/part-of': PART_OF,
    ...(version ? { version } : {}),
  };
}

/** The cluster-wide DNS name of a Service. */
export function serviceHost(name: string, namespace: string = SHOP_NAMESPACE): string {
  return `${name}.${namespace}.svc.cluster.local`;
}
