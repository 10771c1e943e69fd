/** Names of the mesh itself (istioctl's default profile, mesh/istio-install.yaml), the same for every app in it. */
export const ISTIO_NAMESPACE = 'istio-system';

/** Labels of the ingress gateway pods, as installed by the default profile. */
export const INGRESS_GATEWAY_SELECTOR = { istio: 'ingressgateway' };

/** The container port behind the ingress gateway's HTTP port 80. */
export const INGRESS_GATEWAY_HTTP_TARGET_PORT = 8080;

/** The service account of the `istio-ingressgateway` that `istioctl install` creates. */
export const INGRESS_GATEWAY_PRINCIPAL =
  'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account';
