import { Construct } from 'constructs';
import {
  AuthorizationPolicy,
  PeerAuthentication,
  PeerAuthenticationSpecMtlsMode,
} from '@shop/cdk8s-imports/security.istio.io';
import { ISTIO_NAMESPACE } from './mesh-names';

export interface MeshSecurityProps {
  /** The namespace whose workloads get the default `allow-nothing` policy. */
  readonly namespace: string;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Zero trust defaults: STRICT mutual TLS for the whole mesh (in the root namespace) and an
 * `allow-nothing` policy in the shop's namespace, so only the per-service ALLOW policies open
 * anything.
 */
export class MeshSecurity extends Construct {
  constructor(scope: Construct, id: string, props: MeshSecurityProps) {
    super(scope, id);
    const labels = { ...props.labels };
    new PeerAuthentication(this, 'strict-mtls', {
      metadata: { name: 'default', namespace: ISTIO_NAMESPACE, labels },
      spec: { mtls: { mode: PeerAuthenticationSpecMtlsMode.STRICT } },
    });
    new AuthorizationPolicy(this, 'allow-nothing', {
      metadata: { name: 'allow-nothing', namespace: props.namespace, labels },
      spec: {},
    });
  }
}
