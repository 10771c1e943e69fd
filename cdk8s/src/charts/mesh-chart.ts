import {
  JWKS_PATH,
  JWKS_SERVICE,
  JWT_AUDIENCE,
  JWT_ISSUER,
  PUBLIC_API_ROUTES,
  topology,
} from '@shop/topology';
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { EdgeAuthentication, MeshSecurity, MeshTelemetry, ShopIngress } from '@shop/mesh';
import { IDEMPOTENT_RETRIES, SERVICE_HTTP_PORT } from '../constructs/service-routes';
import { PART_OF, serviceHost, SHOP_NAMESPACE } from '../naming';

/** Mesh-wide Istio objects from mesh/, given the shop's facts: mTLS, default deny, ingress, edge JWT checks, telemetry. */
export class MeshChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    const labels = { 'app.kubernetes.io/part-of': PART_OF };
    new MeshSecurity(this, 'security', { namespace: SHOP_NAMESPACE, labels });
    const ingress = new ShopIngress(this, 'ingress', {
      namespace: SHOP_NAMESPACE,
      target: { service: ingressTarget(), port: SERVICE_HTTP_PORT },
      idempotentRetries: IDEMPOTENT_RETRIES,
      labels,
    });
    new EdgeAuthentication(this, 'edge-authentication', {
      host: ingress.host,
      jwksUri: `http://${serviceHost(JWKS_SERVICE)}${JWKS_PATH}`,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      publicApiRoutes: PUBLIC_API_ROUTES,
      labels,
    });
    new MeshTelemetry(this, 'telemetry', { labels });
  }
}

/** The one service the topology marks as reachable from the ingress gateway. */
function ingressTarget(): string {
  const targets = topology.filter((s) => s.ingress);
  if (targets.length !== 1) throw new Error('the topology must mark exactly one ingress service');
  return targets[0]!.name;
}
