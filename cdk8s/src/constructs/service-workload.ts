import { createHash } from 'node:crypto';
import { ApiObject, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { ServiceSpec } from '@shop/topology';
import type { SecretEnv } from '../config/service-environment';
import { appLabels, selectorLabels } from '../naming';
import {
  restrictedContainerSecurity,
  restrictedPodSecurity,
  resourcesOf,
  type ContainerSize,
} from '../security';

export const defaultServiceSize: ContainerSize = {
  cpuRequest: '50m',
  memoryRequest: '128Mi',
  cpuLimit: '500m',
  memoryLimit: '256Mi',
};

export interface ServiceWorkloadProps {
  readonly spec: ServiceSpec;
  /** Istio subset and `version` label of the pods. @default 'v1' */
  readonly version?: string;
  readonly image: string;
  readonly serviceAccountName: string;
  /** ConfigMap holding the plain settings, loaded with `envFrom`. */
  readonly configMapName: string;
  /** The ConfigMap's data, hashed into a pod annotation so a config change rolls the pods. */
  readonly configData: Readonly<Record<string, string>>;
  readonly secrets: readonly SecretEnv[];
  /** Mount the service account token (only for workloads that call the Kubernetes API). @default false */
  readonly automountServiceAccountToken?: boolean;
  /** @default defaultServiceSize */
  readonly size?: ContainerSize;
  /** @default 2 */
  readonly minReplicas?: number;
  /** @default 6 */
  readonly maxReplicas?: number;
  /** Seconds the container waits on SIGTERM's way so endpoints and the mesh drain first. @default 5 */
  readonly preStopSeconds?: number;
  /** Must cover preStop plus the service's SHUTDOWN_TIMEOUT_MS (25 s). @default 40 */
  readonly terminationGracePeriodSeconds?: number;
}

/** One version of a service: a Deployment and the HorizontalPodAutoscaler that sizes it. */
export class ServiceWorkload extends Construct {
  readonly deploymentName: string;

  constructor(scope: Construct, id: string, props: ServiceWorkloadProps) {
    super(scope, id);
    const version = props.version ?? 'v1';
    this.deploymentName = `${props.spec.name}-${version}`;
    const manifest = k8s.KubeDeployment.manifest({
      metadata: { name: this.deploymentName, labels: appLabels(props.spec.name, version) },
      spec: {
        selector: { matchLabels: { ...selectorLabels(props.spec.name), version } },
        revisionHistoryLimit: 5,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: {
            maxSurge: k8s.IntOrString.fromNumber(1),
            maxUnavailable: k8s.IntOrString.fromNumber(0),
          },
        },
        template: podTemplate(props, version),
      },
    });
    // A plain ApiObject: the generated 1.27 types would drop `preStop.sleep` (Kubernetes >= 1.30).
    const deployment = new ApiObject(this, 'deployment', manifest);
    const preStop = { preStop: { sleep: { seconds: props.preStopSeconds ?? 5 } } };
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/lifecycle', preStop));
    new k8s.KubeHorizontalPodAutoscalerV2(this, 'autoscaler', {
      metadata: { name: this.deploymentName, labels: appLabels(props.spec.name, version) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.deploymentName },
        minReplicas: props.minReplicas ?? 2,
        maxReplicas: props.maxReplicas ?? 6,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      },
    });
  }
}

function podTemplate(props: ServiceWorkloadProps, version: string): k8s.PodTemplateSpec {
  const { spec } = props;
  return {
    metadata: {
      labels: appLabels(spec.name, version),
      annotations: {
        'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }',
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': props.configData.METRICS_PORT ?? String(spec.httpPort),
        'prometheus.io/path': '/metrics',
        'kubectl.kubernetes.io/default-container': spec.name,
        'shop.local/config-hash': hashOf(props.configData),
      },
    },
    spec: {
      serviceAccountName: props.serviceAccountName,
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      securityContext: restrictedPodSecurity(),
      terminationGracePeriodSeconds: props.terminationGracePeriodSeconds ?? 40,
      topologySpreadConstraints: spreadConstraints(spec.name),
      affinity: preferSeparateNodes(spec.name),
      containers: [container(props)],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } }],
    },
  };
}

function container(props: ServiceWorkloadProps): k8s.Container {
  const { spec } = props;
  const http = { path: '', port: k8s.IntOrString.fromString('http') };
  return {
    name: spec.name,
    image: props.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [
      { name: 'http', containerPort: spec.httpPort, protocol: 'TCP' },
      ...(spec.grpcPort ? [{ name: 'grpc', containerPort: spec.grpcPort, protocol: 'TCP' }] : []),
    ],
    envFrom: [{ configMapRef: { name: props.configMapName } }],
    ...(props.secrets.length > 0
      ? {
          env: props.secrets.map((s) => ({
            name: s.name,
            valueFrom: { secretKeyRef: { name: s.secret, key: s.key } },
          })),
        }
      : {}),
    startupProbe: {
      httpGet: { ...http, path: '/readyz' },
      periodSeconds: 2,
      timeoutSeconds: 2,
      failureThreshold: 60,
    },
    readinessProbe: {
      httpGet: { ...http, path: '/readyz' },
      periodSeconds: 5,
      timeoutSeconds: 2,
      failureThreshold: 3,
    },
    livenessProbe: {
      httpGet: { ...http, path: '/healthz' },
      periodSeconds: 10,
      timeoutSeconds: 2,
      failureThreshold: 3,
    },
    resources: resourcesOf(props.size ?? defaultServiceSize),
    securityContext: restrictedContainerSecurity(),
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

function spreadConstraints(app: string): k8s.TopologySpreadConstraint[] {
  return ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: selectorLabels(app) },
  }));
}

function preferSeparateNodes(app: string): k8s.Affinity {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: selectorLabels(app) },
          },
        },
      ],
    },
  };
}

function hashOf(data: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}
