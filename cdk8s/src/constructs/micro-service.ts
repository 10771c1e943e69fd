import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IDENTITY_HEADERS, type ServiceSpec } from '@shop/common';
import type { CanaryOptions, FaultOptions } from '../config/delivery-options';
import { serviceEnvironment } from '../config/service-environment';
import { appLabels, principalOf, selectorLabels } from '../naming';
import type { InboundAccess } from './inbound-access';
import { ServiceAuthorization } from './service-authorization';
import { ServiceDestination } from './service-destination';
import { SERVICE_HTTP_PORT, ServiceRoutes } from './service-routes';
import { ServiceWorkload } from './service-workload';
import { WorkloadNetworkPolicy, type OutboundPeer } from './workload-network-policy';

export interface MicroServiceProps {
  readonly spec: ServiceSpec;
  /** `<registry>/<name>:<tag>` */
  readonly image: string;
  /** Who may call it (AuthorizationPolicy and NetworkPolicy ingress). */
  readonly inbound: readonly InboundAccess[];
  /** What it connects to (NetworkPolicy egress). */
  readonly outbound: readonly OutboundPeer[];
  /** The service whose principal alone may send identity headers. @default 'gateway' */
  readonly identityIssuer?: string;
  /** A v2 Deployment taking part of the traffic. @default no canary */
  readonly canary?: Omit<CanaryOptions, 'service'> & { readonly image: string };
  /** @default no faults */
  readonly faults?: Omit<FaultOptions, 'service'>;
}

/**
 * Everything one service needs in the cluster: identity, config, workloads, Service, disruption
 * budget, Istio routing and authorization, and its NetworkPolicy.
 */
export class MicroService extends Construct {
  constructor(scope: Construct, id: string, props: MicroServiceProps) {
    super(scope, id);
    const { spec } = props;
    const labels = appLabels(spec.name);
    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name: spec.name, labels },
      automountServiceAccountToken: false,
    });
    const env = serviceEnvironment(spec);
    const configMapName = `${spec.name}-config`;
    new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: configMapName, labels },
      data: { ...env.config },
    });
    const workload = {
      spec,
      serviceAccountName: spec.name,
      configMapName,
      configData: env.config,
      secrets: env.secrets,
    };
    new ServiceWorkload(this, 'v1', { ...workload, image: props.image });
    if (props.canary)
      new ServiceWorkload(this, 'v2', { ...workload, image: props.canary.image, version: 'v2' });
    new k8s.KubeService(this, 'service', {
      metadata: { name: spec.name, labels },
      spec: { selector: selectorLabels(spec.name), ports: servicePorts(spec) },
    });
    new k8s.KubePodDisruptionBudget(this, 'disruption-budget', {
      metadata: { name: spec.name, labels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: selectorLabels(spec.name) },
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
    new ServiceDestination(this, 'destination', {
      spec,
      versions: props.canary ? ['v1', 'v2'] : ['v1'],
    });
    new ServiceRoutes(this, 'routes', {
      spec,
      ...(props.canary ? { canaryWeight: props.canary.weight } : {}),
      ...(props.faults ? { faults: props.faults } : {}),
    });
    const issuer = props.identityIssuer ?? 'gateway';
    new ServiceAuthorization(this, 'authorization', {
      app: spec.name,
      inbound: props.inbound,
      ...(spec.name === issuer
        ? {}
        : {
            identityHeaders: {
              trustedPrincipal: principalOf(issuer),
              names: Object.values(IDENTITY_HEADERS),
            },
          }),
    });
    new WorkloadNetworkPolicy(this, 'network', {
      app: spec.name,
      inbound: props.inbound,
      outbound: props.outbound,
    });
  }
}

function servicePorts(spec: ServiceSpec): k8s.ServicePort[] {
  const http = {
    name: 'http',
    port: SERVICE_HTTP_PORT,
    targetPort: k8s.IntOrString.fromString('http'),
    appProtocol: 'http',
    protocol: 'TCP',
  };
  if (!spec.grpcPort) return [http];
  const grpc = {
    name: 'grpc',
    port: spec.grpcPort,
    targetPort: k8s.IntOrString.fromString('grpc'),
    appProtocol: 'grpc',
    protocol: 'TCP',
  };
  return [http, grpc];
}
