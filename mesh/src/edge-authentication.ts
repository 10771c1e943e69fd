import { Construct } from 'constructs';
import {
  AuthorizationPolicy,
  AuthorizationPolicySpecAction,
  RequestAuthentication,
} from '@shop/cdk8s-imports/security.istio.io';
import {
  INGRESS_GATEWAY_HTTP_TARGET_PORT,
  INGRESS_GATEWAY_SELECTOR,
  ISTIO_NAMESPACE,
} from './mesh-names';

/** API routes anyone may call without a token: exact paths or prefixes ending in `/*`. */
export interface PublicApiRoute {
  readonly methods: readonly string[];
  readonly paths: readonly string[];
}

export interface EdgeAuthenticationProps {
  /** Public host name of the shop. */
  readonly host: string;
  /** Where the ingress gateway fetches the JSON Web Key Set (through the mesh). */
  readonly jwksUri: string;
  readonly issuer: string;
  readonly audience: string;
  /** Everything outside /api/ is public to GET and HEAD; inside, only these. */
  readonly publicApiRoutes: readonly PublicApiRoute[];
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * JWT checks at the ingress gateway: a RequestAuthentication against the JWKS (fetched by the
 * gateway's Envoy through the mesh, see mesh/istio-install.yaml) and a DENY policy for
 * requests without a valid token to anything but the public routes.
 */
export class EdgeAuthentication extends Construct {
  constructor(scope: Construct, id: string, props: EdgeAuthenticationProps) {
    super(scope, id);
    const metadata = { namespace: ISTIO_NAMESPACE, labels: { ...props.labels } };
    const selector = { matchLabels: INGRESS_GATEWAY_SELECTOR };
    new RequestAuthentication(this, 'jwt', {
      metadata: { ...metadata, name: 'shop-jwt' },
      spec: {
        selector,
        jwtRules: [
          {
            issuer: props.issuer,
            audiences: [props.audience],
            jwksUri: props.jwksUri,
            forwardOriginalToken: true,
          },
        ],
      },
    });
    new AuthorizationPolicy(this, 'require-jwt', {
      metadata: { ...metadata, name: 'shop-require-jwt' },
      spec: {
        selector,
        action: AuthorizationPolicySpecAction.DENY,
        rules: denyWithoutToken(props.host, props.publicApiRoutes),
      },
    });
  }
}

/** DENY rules, each "no request principal and ...": together, "not a public route". */
function denyWithoutToken(host: string, publicRoutes: readonly PublicApiRoute[]) {
  const hosts = [host, `${host}:*`];
  const ports = [String(INGRESS_GATEWAY_HTTP_TARGET_PORT)];
  const anonymous = [{ source: { notRequestPrincipals: ['*'] } }];
  const publicApiPaths = publicRoutes.flatMap((r) => [...r.paths]);
  const outsideApi = { hosts, ports, notPaths: ['/api/*'], notMethods: ['GET', 'HEAD'] };
  const privateApi = { hosts, ports, paths: ['/api/*'], notPaths: publicApiPaths };
  const wrongMethod = publicRoutes.map((r) => ({
    hosts,
    ports,
    paths: [...r.paths],
    notMethods: [...r.methods],
  }));
  return [outsideApi, privateApi, ...wrongMethod].map((operation) => ({
    from: anonymous,
    to: [{ operation }],
  }));
}
