import { Construct } from 'constructs';
import {
  AuthorizationPolicy,
  AuthorizationPolicySpecAction,
  RequestAuthentication,
} from '../../cdk8s/imports/security.istio.io';
import {
  INGRESS_GATEWAY_HTTP_TARGET_PORT,
  INGRESS_GATEWAY_SELECTOR,
  ISTIO_NAMESPACE,
  PART_OF,
  SHOP_NAMESPACE,
  serviceHost,
} from '../../cdk8s/src/naming';

/** The service that serves the JSON Web Key Set, and where. */
export const JWKS_SERVICE = 'user';
export const JWKS_PATH = '/.well-known/jwks.json';
export const JWT_ISSUER = 'shop';
export const JWT_AUDIENCE = 'shop';

/** API routes anyone may call without a token, by method. Everything outside /api/ is public to GET. */
export const PUBLIC_API_ROUTES = [
  { methods: ['GET', 'HEAD'], paths: ['/api/products', '/api/products/*', '/api/openapi.json'] },
  { methods: ['POST'], paths: ['/api/auth/*'] },
] as const;

export interface EdgeAuthenticationProps {
  /** Public host name of the shop. */
  readonly host: string;
}

/**
 * JWT checks at the ingress gateway: a RequestAuthentication against the user service's JWKS
 * (fetched by the gateway's Envoy through the mesh, see mesh/istio-install.yaml) and a DENY
 * policy for requests without a valid token to anything but the public routes.
 */
export class EdgeAuthentication extends Construct {
  constructor(scope: Construct, id: string, props: EdgeAuthenticationProps) {
    super(scope, id);
    const metadata = {
      namespace: ISTIO_NAMESPACE,
      labels: { 'app.kubernetes.io/part-of': PART_OF },
    };
    const selector = { matchLabels: INGRESS_GATEWAY_SELECTOR };
    new RequestAuthentication(this, 'jwt', {
      metadata: { ...metadata, name: 'shop-jwt' },
      spec: {
        selector,
        jwtRules: [
          {
            issuer: JWT_ISSUER,
            audiences: [JWT_AUDIENCE],
            jwksUri: `http://${serviceHost(JWKS_SERVICE, SHOP_NAMESPACE)}${JWKS_PATH}`,
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
        rules: denyWithoutToken(props.host),
      },
    });
  }
}

/** DENY rules, each "no request principal and ...": together, "not a public route". */
function denyWithoutToken(host: string) {
  const hosts = [host, `${host}:*`];
  const ports = [String(INGRESS_GATEWAY_HTTP_TARGET_PORT)];
  const anonymous = [{ source: { notRequestPrincipals: ['*'] } }];
  const publicApiPaths = PUBLIC_API_ROUTES.flatMap((r) => [...r.paths]);
  const outsideApi = { hosts, ports, notPaths: ['/api/*'], notMethods: ['GET', 'HEAD'] };
  const privateApi = { hosts, ports, paths: ['/api/*'], notPaths: publicApiPaths };
  const wrongMethod = PUBLIC_API_ROUTES.map((r) => ({
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
