import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { DependencySpec, ProbeTarget } from '../dependencies/dependency-spec';
import { dependencyPorts } from '../dependencies/stateful-dependencies';
import { appLabels, selectorLabels } from '../naming';
import { restrictedContainerSecurity, restrictedPodSecurity, resourcesOf } from '../security';
import type { InboundAccess } from './inbound-access';
import { ServiceAuthorization } from './service-authorization';
import { WorkloadNetworkPolicy } from './workload-network-policy';

export interface StatefulDependencyProps {
  readonly spec: DependencySpec;
  /** The services that connect to it. */
  readonly inbound: readonly InboundAccess[];
}

/**
 * A single-replica StatefulSet for a dev cluster's database, broker or mail sink: a volume claim,
 * probes, resources, a restricted security context, a headless Service, and the same
 * caller-only authorization and network policy as the services.
 */
export class StatefulDependency extends Construct {
  constructor(scope: Construct, id: string, props: StatefulDependencyProps) {
    super(scope, id);
    const { spec } = props;
    const labels = appLabels(spec.name);
    const ports = Object.entries(dependencyPorts[spec.name]).map(([name, port]) => ({
      name,
      port,
    }));
    if (spec.files) {
      new k8s.KubeConfigMap(this, 'files', {
        metadata: { name: spec.name, labels },
        data: { ...spec.files.data },
      });
    }
    new k8s.KubeService(this, 'service', {
      metadata: { name: spec.name, labels },
      spec: {
        clusterIp: 'None',
        selector: selectorLabels(spec.name),
        ports: ports.map(({ name, port }) => ({
          name,
          port,
          targetPort: k8s.IntOrString.fromString(name),
          appProtocol: name.split('-')[0],
        })),
      },
    });
    new k8s.KubeStatefulSet(this, 'statefulset', {
      metadata: { name: spec.name, labels },
      spec: statefulSetSpec(spec, ports),
    });
    new ServiceAuthorization(this, 'authorization', { app: spec.name, inbound: props.inbound });
    new WorkloadNetworkPolicy(this, 'network', {
      app: spec.name,
      inbound: props.inbound,
      outbound: [],
    });
  }
}

function statefulSetSpec(spec: DependencySpec, ports: Port[]): k8s.StatefulSetSpec {
  return {
    serviceName: spec.name,
    replicas: 1,
    selector: { matchLabels: selectorLabels(spec.name) },
    template: {
      metadata: {
        labels: appLabels(spec.name, 'v1'),
        annotations: { 'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }' },
      },
      spec: {
        automountServiceAccountToken: false,
        securityContext: restrictedPodSecurity(spec.uid),
        containers: [container(spec, ports)],
        volumes: [
          ...spec.scratchPaths.map((_, i) => ({ name: `scratch-${i}`, emptyDir: {} })),
          ...(spec.files
            ? [{ name: 'files', configMap: { name: spec.name, defaultMode: 0o555 } }]
            : []),
        ],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: k8s.Quantity.fromString(spec.storage ?? '1Gi') } },
        },
      },
    ],
  };
}

interface Port {
  readonly name: string;
  readonly port: number;
}

function container(spec: DependencySpec, ports: Port[]): k8s.Container {
  return {
    name: spec.name,
    image: spec.image,
    imagePullPolicy: 'IfNotPresent',
    ...(spec.command ? { command: [...spec.command] } : {}),
    ...(spec.args ? { args: [...spec.args] } : {}),
    ports: ports.map(({ name, port }) => ({ name, containerPort: port, protocol: 'TCP' })),
    env: [
      ...Object.entries(spec.env).map(([name, value]) => ({ name, value })),
      ...spec.secretEnv.map((s) => ({
        name: s.name,
        valueFrom: { secretKeyRef: { name: s.secret, key: s.key } },
      })),
    ],
    readinessProbe: {
      ...probeOf(spec.readiness),
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 6,
    },
    livenessProbe: {
      ...probeOf(spec.liveness),
      initialDelaySeconds: 30,
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 6,
    },
    resources: resourcesOf(spec.size),
    securityContext: restrictedContainerSecurity(),
    volumeMounts: [
      { name: 'data', mountPath: spec.dataPath },
      ...spec.scratchPaths.map((mountPath, i) => ({ name: `scratch-${i}`, mountPath })),
      ...(spec.files ? [{ name: 'files', mountPath: spec.files.mountPath, readOnly: true }] : []),
    ],
  };
}

function probeOf(target: ProbeTarget): k8s.Probe {
  if ('httpGet' in target) {
    return {
      httpGet: { path: target.httpGet.path, port: k8s.IntOrString.fromString(target.httpGet.port) },
    };
  }
  return { tcpSocket: { port: k8s.IntOrString.fromString(target.tcpSocket.port) } };
}
