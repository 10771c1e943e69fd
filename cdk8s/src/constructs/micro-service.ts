import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IDENTITY_HEADERS, type EventStreamKind } from '@shop/common';
import type { ServiceSpec } from '@shop/topology';
import type { CanaryOptions, FaultOptions } from '../config/delivery-options';
import { serviceEnvironment, type ServiceEnvironment } from '../config/service-environment';
import { appLabels, principalOf, selectorLabels } from '../naming';
import { EndpointSliceReader } from './endpoint-slice-reader';
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
  /** The system-wide EVENT_STREAM. */
  readonly eventStream: EventStreamKind;
  /** The service whose principal alone may send identity headers. @default 'gateway' */
  readonly identityIssuer?: string;
  /** A v2 Deployment taking part of the traffic. @default no canary */
  readonly canary?: Omit<CanaryOptions, 'service'> & { readonly image: string };
  /** @default no faults */
  readonly faults?: Omit<FaultOptions, 'service'>;
  /** Settings added to (or replacing) the service's defaults. @default none */
  readonly extraConfig?: Readonly<Record<string, string>>;
  /** Client-side discovery: read access to EndpointSlices and the API server. @default false */
  readonly readsEndpointSlices?: boolean;
}

/**
 * Everything one service needs in the cluster: identity, config, workloads, Service, disruption
 * budget, Istio routing and authorization, and its NetworkPolicy.
 */
export class MicroService extends Construct {
  constructor(scope: Construct, id: string, props: MicroServiceProps) {
    super(scope, id);
    const defaults = serviceEnvironment(props.spec, props.eventStream);
    const env = { ...defaults, config: { ...defaults.config, ...props.extraConfig } };
    this.addIdentityAndConfig(props, env);
    this.addWorkloads(props, env);
    this.addServiceAndBudget(props.spec);
    this.addMeshPolicies(props);
  }

  private addIdentityAndConfig(props: MicroServiceProps, env: ServiceEnvironment): void {
    const { name } = props.spec;
    const labels = appLabels(name);
    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name, labels },
      automountServiceAccountToken: false,
    });
    new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: `${name}-config`, labels },
      data: { ...env.config },
    });
    if (props.readsEndpointSlices) {
      new EndpointSliceReader(this, 'endpoint-slices', { serviceAccount: name });
    }
  }

  private addWorkloads(props: MicroServiceProps, env: ServiceEnvironment): void {
    const workload = {
      spec: props.spec,
      serviceAccountName: props.spec.name,
      configMapName: `${props.spec.name}-config`,
      configData: env.config,
      secrets: env.secrets,
      automountServiceAccountToken: props.readsEndpointSlices ?? false,
    };
    new ServiceWorkload(this, 'v1', { ...workload, image: props.image });
    if (props.canary) {
      new ServiceWorkload(this, 'v2', { ...workload, image: props.canary.image, version: 'v2' });
    }
  }

  private addServiceAndBudget(spec: ServiceSpec): void {
    const labels = appLabels(spec.name);
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
  }

  private addMeshPolicies(props: MicroServiceProps): void {
    const { spec } = props;
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
    const identityHeaders = {
      trustedPrincipal: principalOf(issuer),
      names: Object.values(IDENTITY_HEADERS),
    };
    new ServiceAuthorization(this, 'authorization', {
      app: spec.name,
      inbound: props.inbound,
      ...(spec.name === issuer ? {} : { identityHeaders }),
    });
    new WorkloadNetworkPolicy(this, 'network', {
      app: spec.name,
      inbound: props.inbound,
      outbound: props.outbound,
      kubernetesApi: props.readsEndpointSlices ?? false,
    });
  }
}

function servicePorts(spec: ServiceSpec): k8s.ServicePort[] {
  const port = (name: 'http' | 'grpc', number: number): k8s.ServicePort => ({
    name,
    port: number,
    targetPort: k8s.IntOrString.fromString(name),
    appProtocol: name,
    protocol: 'TCP',
  });
  return [port('http', SERVICE_HTTP_PORT), ...(spec.grpcPort ? [port('grpc', spec.grpcPort)] : [])];
}
