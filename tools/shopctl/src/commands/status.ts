import type * as KubernetesClient from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};

/** `@kubernetes/client-node` is ESM-only, so it is loaded with `import()` from CommonJS. */
type KubernetesClientModule = typeof KubernetesClient;

const USAGE = 'usage: shopctl status [-n <namespace>]   (kubeconfig as kubectl reads it)';
const MESH_ROOT_NAMESPACE = 'istio-system';
const SIDECAR = 'istio-proxy';

interface Workload {
  readonly metadata?: { readonly labels?: Record<string, string> };
  readonly spec?: { readonly replicas?: number };
  readonly status?: { readonly readyReplicas?: number };
}
interface PodView {
  readonly metadata?: { readonly labels?: Record<string, string> };
  readonly spec?: {
    readonly containers?: { name: string }[];
    readonly initContainers?: { name: string }[];
  };
}
interface PeerAuthenticationView {
  readonly metadata?: { readonly namespace?: string };
  readonly spec?: {
    readonly selector?: { matchLabels?: Record<string, string> };
    readonly mtls?: { mode?: string };
  };
}

/** One row of `shopctl status`. */
export interface ServiceStatus {
  readonly service: string;
  readonly desired: number;
  readonly ready: number;
  /** `yes`, `no`, or `k/n` pods when only some have the Istio sidecar. */
  readonly sidecar: string;
  /** Effective PeerAuthentication mode and where it comes from. */
  readonly mtls: string;
}

/** Per service (the `app` label): replicas, Istio sidecar injection and mTLS mode, like kubectl would show them. */
export async function status(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const namespace = args[0] === '-n' && args[1] ? args[1] : args.length === 0 ? 'shop' : undefined;
  if (!namespace) {
    out.write(`${USAGE}\n`);
    return 2;
  }
  const k8s = await import('@kubernetes/client-node');
  const rows = summarize(await readCluster(k8s, namespace));
  out.write(formatTable(namespace, rows));
  return 0;
}

interface ClusterView {
  readonly deployments: Workload[];
  readonly pods: PodView[];
  readonly peerAuthentications: PeerAuthenticationView[];
}

async function readCluster(k8s: KubernetesClientModule, namespace: string): Promise<ClusterView> {
  const config = new k8s.KubeConfig();
  config.loadFromDefault();
  if (config.getCurrentCluster()?.server === 'http://localhost:8080') {
    // loadFromDefault's fallback when there is no kubeconfig and no in-cluster account.
    throw new Error('no Kubernetes cluster configured: set KUBECONFIG or create ~/.kube/config');
  }
  const apps = config.makeApiClient(k8s.AppsV1Api);
  const core = config.makeApiClient(k8s.CoreV1Api);
  const custom = config.makeApiClient(k8s.CustomObjectsApi);
  const peerAuthentications = (ns: string) =>
    custom
      .listNamespacedCustomObject({
        group: 'security.istio.io',
        version: 'v1',
        namespace: ns,
        plural: 'peerauthentications',
      })
      .then((list: { items?: PeerAuthenticationView[] }) => list.items ?? [])
      .catch((error: { code?: number }) => (error.code === 404 ? [] : Promise.reject(error)));
  const [deployments, pods, local, root] = await Promise.all([
    apps.listNamespacedDeployment({ namespace }).then((l) => l.items),
    core.listNamespacedPod({ namespace }).then((l) => l.items),
    peerAuthentications(namespace),
    peerAuthentications(MESH_ROOT_NAMESPACE),
  ]);
  return { deployments, pods, peerAuthentications: [...local, ...root] };
}

/** The rows of the table, one per `app` label, sorted by name. */
export function summarize(cluster: ClusterView): ServiceStatus[] {
  const apps = [
    ...new Set(
      cluster.deployments.map((d) => d.metadata?.labels?.app).filter((a): a is string => !!a),
    ),
  ].sort();
  return apps.map((app) => {
    const workloads = cluster.deployments.filter((d) => d.metadata?.labels?.app === app);
    const pods = cluster.pods.filter((p) => p.metadata?.labels?.app === app);
    return {
      service: app,
      desired: workloads.reduce((n, d) => n + (d.spec?.replicas ?? 1), 0),
      ready: workloads.reduce((n, d) => n + (d.status?.readyReplicas ?? 0), 0),
      sidecar: sidecarSummary(pods),
      mtls: mtlsMode(cluster.peerAuthentications, pods[0]?.metadata?.labels ?? { app }),
    };
  });
}

function sidecarSummary(pods: PodView[]): string {
  const injected = pods.filter((p) =>
    [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].some(
      (c) => c.name === SIDECAR,
    ),
  ).length;
  if (pods.length === 0) return '-';
  if (injected === pods.length) return 'yes';
  return injected === 0 ? 'no' : `${injected}/${pods.length}`;
}

/** Istio's precedence: workload selector, then namespace-wide, then mesh-wide; UNSET inherits. */
function mtlsMode(policies: PeerAuthenticationView[], labels: Record<string, string>): string {
  const mode = (p?: PeerAuthenticationView) =>
    p?.spec?.mtls?.mode && p.spec.mtls.mode !== 'UNSET' ? p.spec.mtls.mode : undefined;
  const selects = (p: PeerAuthenticationView) =>
    Object.entries(p.spec?.selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const hasSelector = (p: PeerAuthenticationView) =>
    Object.keys(p.spec?.selector?.matchLabels ?? {}).length > 0;
  const inRoot = (p: PeerAuthenticationView) => p.metadata?.namespace === MESH_ROOT_NAMESPACE;
  const candidates: Array<[string, PeerAuthenticationView | undefined]> = [
    ['workload', policies.find((p) => !inRoot(p) && hasSelector(p) && selects(p) && mode(p))],
    ['namespace', policies.find((p) => !inRoot(p) && !hasSelector(p) && mode(p))],
    ['mesh', policies.find((p) => inRoot(p) && !hasSelector(p) && mode(p))],
  ];
  const found = candidates.find(([, p]) => p);
  return found ? `${mode(found[1])} (${found[0]})` : 'PERMISSIVE (Istio default)';
}

function formatTable(namespace: string, rows: ServiceStatus[]): string {
  if (rows.length === 0) return `no deployments in namespace ${namespace}\n`;
  const lines = [
    ['SERVICE', 'READY', 'SIDECAR', 'MTLS'],
    ...rows.map((r) => [r.service, `${r.ready}/${r.desired}`, r.sidecar, r.mtls]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return (
    lines
      .map((l) =>
        l
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('   ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
