import type * as KubernetesClient from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};
import { readyEndpointUrls, SERVICE_NAME_LABEL, type EndpointSliceView } from './endpoint-slices';
import { kubeConfigFor, loadKubernetesClient, type ClusterAccess } from './kubernetes-client';
import { RoundRobin } from './round-robin';

export interface EndpointSliceRegistryOptions {
  /** Namespace of the Services, e.g. `shop`. */
  readonly namespace: string;
  /** The Services to track; only their EndpointSlices are listed and watched. */
  readonly services: readonly string[];
  /** The EndpointSlice port to use. @default 'http' */
  readonly portName?: string;
  /** @default 'default' (kubeconfig like kubectl, or the pod's service account in a cluster) */
  readonly cluster?: ClusterAccess;
  /** Wait before listing again after the watch fails. @default 1000 */
  readonly restartDelayMs?: number;
  /** Told about watch failures (the registry keeps serving its last known endpoints). */
  readonly onError?: (error: unknown) => void;
}

/** Client-side service discovery: ready endpoints of Services, handed out round-robin. */
export interface EndpointSliceRegistry {
  /**
   * Lists the EndpointSlices and starts watching them; resolves once the first list is in, or
   * once it failed (reported to `onError` and retried every `restartDelayMs`).
   */
  start(): Promise<void>;
  /** `http://ip:port` of the next ready endpoint of `service`, or undefined when none is ready. */
  pick(service: string): string | undefined;
  stop(): void;
}

type EndpointSlice = KubernetesClient.V1EndpointSlice;

/** A registry over the Kubernetes API's EndpointSlices: list, then watch; ready endpoints only. */
export function createEndpointSliceRegistry(
  options: EndpointSliceRegistryOptions,
): EndpointSliceRegistry {
  const portName = options.portName ?? 'http';
  const rotation = new RoundRobin();
  let endpoints = new Map<string, string[]>();
  let informer: KubernetesClient.Informer<EndpointSlice> &
    KubernetesClient.ObjectCache<EndpointSlice>;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  const refresh = () => {
    const slices = informer.list(options.namespace) as EndpointSliceView[];
    endpoints = new Map(options.services.map((s) => [s, readyEndpointUrls(slices, s, portName)]));
  };

  const restartLater = (error: unknown) => {
    if (stopped) return;
    options.onError?.(error);
    restartTimer = setTimeout(
      () => void informer.start().catch(restartLater),
      options.restartDelayMs ?? 1000,
    );
  };

  return {
    async start() {
      const k8s = await loadKubernetesClient();
      const config = kubeConfigFor(k8s, options.cluster ?? 'default');
      const api = config.makeApiClient(k8s.DiscoveryV1Api);
      const labelSelector = `${SERVICE_NAME_LABEL} in (${options.services.join(',')})`;
      const path = `/apis/discovery.k8s.io/v1/namespaces/${options.namespace}/endpointslices`;
      const list = () =>
        api.listNamespacedEndpointSlice({ namespace: options.namespace, labelSelector });
      informer = k8s.makeInformer(config, path, list, labelSelector);
      for (const event of [k8s.ADD, k8s.UPDATE, k8s.DELETE] as const) informer.on(event, refresh);
      informer.on(k8s.ERROR, restartLater);
      await informer.start();
      refresh();
    },
    pick(service) {
      return rotation.pick(service, endpoints.get(service) ?? []);
    },
    stop() {
      stopped = true;
      clearTimeout(restartTimer);
      void informer?.stop();
    },
  };
}
