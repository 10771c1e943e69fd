/** Names shared by the charts and the tests: namespaces, labels, identities. */
export {
  INGRESS_GATEWAY_HTTP_TARGET_PORT,
  INGRESS_GATEWAY_PRINCIPAL,
  INGRESS_GATEWAY_SELECTOR,
  ISTIO_NAMESPACE,
} from '@shop/mesh';

export const SHOP_NAMESPACE = 'shop';
export const PART_OF = 'shop';

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
