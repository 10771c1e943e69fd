import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { EdgeAuthentication, MeshSecurity, MeshTelemetry, ShopIngress } from '../../../mesh/src';
import { SHOP_NAMESPACE } from '../naming';

/** Mesh-wide Istio objects from mesh/: mTLS, default deny, ingress, edge JWT checks, telemetry. */
export class MeshChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    new MeshSecurity(this, 'security', { namespace: SHOP_NAMESPACE });
    const ingress = new ShopIngress(this, 'ingress', { namespace: SHOP_NAMESPACE });
    new EdgeAuthentication(this, 'edge-authentication', { host: ingress.host });
    new MeshTelemetry(this, 'telemetry');
  }
}
