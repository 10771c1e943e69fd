import { setTimeout as delay } from 'node:timers/promises';
import { readyEndpointUrls, SERVICE_NAME_LABEL, type EndpointSliceView } from './endpoint-slices';
import { listObjects, watchObjects, type ClusterAccess } from './kube-api';
import { RoundRobin } from './round-robin';

export interface EndpointSliceRegistryOptions {
  /** Namespace of the Services, e.g. `shop`. */
  readonly namespace: string;
  /** The Services to track; only their EndpointSlices are listed and watched. */
  readonly services: readonly string[];
  /** The EndpointSlice port to use. @default 'http' */
  readonly portName?: string;
  /** The API server (in a pod: `inClusterAccess`, its ServiceAccount). */
  readonly cluster: ClusterAccess;
  /** Wait before listing again after a list or watch failed. @default 1000 */
  readonly restartDelayMs?: number;
  /** Told about list and watch failures (the registry keeps serving its last known endpoints). */
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

type EndpointSlice = EndpointSliceView & { readonly metadata?: { resourceVersion?: string } };

/**
 * A registry over the Kubernetes API's EndpointSlices: list, then watch from the list's version
 * (a watch the server ended resumes from the last version seen; an expired one, 410, lists
 * again); ready endpoints only.
 */
export function createEndpointSliceRegistry(
  options: EndpointSliceRegistryOptions,
): EndpointSliceRegistry {
  const portName = options.portName ?? 'http';
  const path = `/apis/discovery.k8s.io/v1/namespaces/${options.namespace}/endpointslices`;
  const selector = { labelSelector: `${SERVICE_NAME_LABEL} in (${options.services.join(',')})` };
  const rotation = new RoundRobin();
  const slices = new Map<string, EndpointSlice>();
  const abort = new AbortController();
  let endpoints = new Map<string, string[]>();

  const refresh = () => {
    const all = [...slices.values()];
    endpoints = new Map(options.services.map((s) => [s, readyEndpointUrls(all, s, portName)]));
  };

  const relist = async () => {
    const list = await listObjects<EndpointSlice>(options.cluster, path, selector, abort.signal);
    slices.clear();
    for (const slice of list.items) slices.set(slice.metadata?.name ?? '', slice);
    refresh();
    return list.metadata.resourceVersion;
  };

  /** Follows one watch; the version to resume from, or undefined when it expired. */
  const follow = async (resourceVersion: string | undefined) => {
    const query = { ...selector, resourceVersion, allowWatchBookmarks: 'true' };
    for await (const event of watchObjects<EndpointSlice>(
      options.cluster,
      path,
      query,
      abort.signal,
    )) {
      if (event.type === 'ERROR') return undefined;
      resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
      if (event.type === 'BOOKMARK') continue;
      const name = event.object.metadata?.name ?? '';
      if (event.type === 'DELETED') slices.delete(name);
      else slices.set(name, event.object);
      refresh();
    }
    return resourceVersion;
  };

  const run = async (listed: () => void) => {
    let version: string | undefined;
    while (!abort.signal.aborted) {
      try {
        version ??= await relist();
        listed();
        version = await follow(version);
      } catch (error) {
        if (abort.signal.aborted) return;
        options.onError?.(error);
        listed();
        version = undefined;
        await delay(options.restartDelayMs ?? 1000, undefined, { signal: abort.signal }).catch(
          () => undefined,
        );
      }
    }
  };

  return {
    start: () => new Promise<void>((resolve) => void run(resolve)),
    pick(service) {
      return rotation.pick(service, endpoints.get(service) ?? []);
    },
    stop() {
      abort.abort();
    },
  };
}
