export {
  EdgeAuthentication,
  type EdgeAuthenticationProps,
  type PublicApiRoute,
} from './edge-authentication';
export {
  INGRESS_GATEWAY_HTTP_TARGET_PORT,
  INGRESS_GATEWAY_PRINCIPAL,
  INGRESS_GATEWAY_SELECTOR,
  ISTIO_NAMESPACE,
} from './mesh-names';
export { MeshSecurity, type MeshSecurityProps } from './mesh-security';
export { MeshTelemetry, type MeshTelemetryProps } from './mesh-telemetry';
export { ShopIngress, type ShopIngressProps } from './shop-ingress';
