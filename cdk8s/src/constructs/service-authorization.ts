import { Construct } from 'constructs';
import {
  AuthorizationPolicy,
  AuthorizationPolicySpecAction,
  type AuthorizationPolicySpecRules,
} from '@shop/cdk8s-imports/security.istio.io';
import { appLabels, selectorLabels } from '../naming';
import type { InboundAccess } from './inbound-access';

export interface ServiceAuthorizationProps {
  /** The app label of the protected workload. */
  readonly app: string;
  /** Everything the workload accepts; the namespace's `allow-nothing` denies the rest. */
  readonly inbound: readonly InboundAccess[];
  /**
   * Identity headers (`x-user-id`, ...) are trusted only from this principal; requests carrying
   * them from anyone else are denied. @default no such rule
   */
  readonly identityHeaders?: {
    readonly trustedPrincipal: string;
    readonly names: readonly string[];
  };
}

/**
 * Istio authorization of one workload: an ALLOW policy naming exactly its callers' service
 * accounts (by port, method and path), and a DENY policy for forged identity headers.
 */
export class ServiceAuthorization extends Construct {
  constructor(scope: Construct, id: string, props: ServiceAuthorizationProps) {
    super(scope, id);
    const selector = { matchLabels: selectorLabels(props.app) };
    const labels = appLabels(props.app);
    if (props.inbound.length > 0) {
      new AuthorizationPolicy(this, 'allow', {
        metadata: { name: `${props.app}-allow-callers`, labels },
        spec: {
          selector,
          action: AuthorizationPolicySpecAction.ALLOW,
          rules: props.inbound.map(allowRule),
        },
      });
    }
    if (props.identityHeaders) {
      const { trustedPrincipal, names } = props.identityHeaders;
      new AuthorizationPolicy(this, 'deny-forged-identity', {
        metadata: { name: `${props.app}-identity-from-gateway-only`, labels },
        spec: {
          selector,
          action: AuthorizationPolicySpecAction.DENY,
          rules: names.map((header) => ({
            from: [{ source: { notPrincipals: [trustedPrincipal] } }],
            when: [{ key: `request.headers[${header}]`, values: ['*'] }],
          })),
        },
      });
    }
  }
}

function allowRule(access: InboundAccess): AuthorizationPolicySpecRules {
  return {
    from: [{ source: { principals: [access.principal] } }],
    to: [
      {
        operation: {
          ports: [String(access.port)],
          ...(access.methods ? { methods: [...access.methods] } : {}),
          ...(access.paths ? { paths: [...access.paths] } : {}),
        },
      },
    ],
  };
}
