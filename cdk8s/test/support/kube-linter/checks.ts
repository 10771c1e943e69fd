import type { Manifest } from '../manifests';
import { hostPaths, perContainer, perPod, probePortExposed, type Check } from './check-shapes';
import { deploymentLikes, isIanaServiceName, nameOf, selects } from './objects';

export type { Check } from './check-shapes';

const pdbs = (objects: readonly Manifest[]) =>
  objects.filter((o) => o.kind === 'PodDisruptionBudget');
const isZero = (value: unknown) => value === 0 || value === '0%' || value === '0';
const UNSAFE_SYSCTLS = ['kernel.msg', 'kernel.sem', 'kernel.shm', 'fs.mqueue.', 'net.'];
const SENSITIVE_HOST_DIRS = [
  /^\/$/,
  /^\/boot$/,
  /^\/dev$/,
  /^\/etc$/,
  /^\/lib$/,
  /^\/proc$/,
  /^\/sys$/,
  /^\/usr$/,
];
const LATEST_TAG_BLOCKLIST = [/.*:(latest)$/, /^[^:]*$/, /(.*\/[^:]+)$/];
const quantitySet = (q: unknown) => q !== undefined && q !== 0 && q !== '0';

/**
 * kube-linter's checks that are enabled by default (docs/generated/checks.md of
 * stackrox/kube-linter), each encoded with the same meaning and default parameters.
 */
export const defaultChecks: Record<string, Check> = {
  'dangling-service': (objects) => {
    const labels = deploymentLikes(objects).map((w) => w.labels);
    return objects
      .filter((o) => o.kind === 'Service' && o.spec.selector)
      .filter((s) => !labels.some((l) => selects(s.spec.selector, l)))
      .map((s) => `${nameOf(s)}: selects no pods`);
  },
  'deprecated-service-account-field': perPod(({ pod }) =>
    pod.serviceAccount && pod.serviceAccount !== pod.serviceAccountName
      ? 'uses serviceAccount'
      : undefined,
  ),
  'docker-sock': perPod(({ pod }) =>
    hostPaths(pod).some((p) => /docker\.sock$/.test(p)) ? 'mounts docker.sock' : undefined,
  ),
  'drop-net-raw-capability': perContainer((c) => {
    const caps = c.securityContext?.capabilities ?? {};
    const dropped = (caps.drop ?? []).some((d: string) => d === 'NET_RAW' || d === 'ALL');
    return dropped && !(caps.add ?? []).includes('NET_RAW') ? undefined : 'does not drop NET_RAW';
  }),
  'duplicate-env-var': perContainer((c) => {
    const names = (c.env ?? []).map((e: any) => e.name);
    return names.length === new Set(names).size ? undefined : 'has duplicate env var names';
  }),
  'env-var-secret': perContainer((c) => {
    const leaked = (c.env ?? []).filter(
      (e: any) => /secret/i.test(e.name) && typeof e.value === 'string' && e.value !== '',
    );
    return leaked.length
      ? `secret-named env vars with literal values: ${leaked.map((e: any) => e.name)}`
      : undefined;
  }),
  'host-ipc': perPod(({ pod }) => (pod.hostIPC ? 'shares the host IPC namespace' : undefined)),
  'host-network': perPod(({ pod }) =>
    pod.hostNetwork ? 'shares the host network namespace' : undefined,
  ),
  'host-pid': perPod(({ pod }) => (pod.hostPID ? 'shares the host PID namespace' : undefined)),
  'invalid-target-ports': (objects) => [
    ...objects
      .filter((o) => o.kind === 'Service')
      .flatMap((s) =>
        (s.spec.ports ?? []).filter(
          (p: any) => typeof p.targetPort === 'string' && !isIanaServiceName(p.targetPort),
        ),
      )
      .map((p: any) => `Service targetPort ${p.targetPort} is not an IANA service name`),
    ...perContainer((c) => {
      const bad = (c.ports ?? []).filter(
        (p: any) => p.name !== undefined && !isIanaServiceName(p.name),
      );
      return bad.length
        ? `port names ${bad.map((p: any) => p.name)} are not IANA service names`
        : undefined;
    })(objects),
  ],
  'latest-tag': perContainer((c) =>
    LATEST_TAG_BLOCKLIST.some((r) => r.test(c.image))
      ? `image ${c.image} has no fixed tag`
      : undefined,
  ),
  'liveness-port': probePortExposed('livenessProbe'),
  'mismatching-selector': (objects) =>
    deploymentLikes(objects)
      .filter(
        (w) => w.object.spec?.selector && !selects(w.object.spec.selector.matchLabels, w.labels),
      )
      .map((w) => `${nameOf(w.object)}: selector does not match the pod template labels`),
  'no-anti-affinity': perPod(({ pod, replicas, labels }) => {
    if (replicas < 2) return undefined;
    const terms = [
      ...(pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
        (t: any) => t.podAffinityTerm,
      ),
    ];
    const spread = terms.some(
      (t) =>
        t.topologyKey === 'kubernetes.io/hostname' && selects(t.labelSelector?.matchLabels, labels),
    );
    return spread ? undefined : 'has replicas but no pod anti-affinity by hostname';
  }),
  'no-extensions-v1beta': (objects) =>
    objects
      .filter((o) => /^extensions\/v1beta.+/.test(o.apiVersion))
      .map((o) => `${nameOf(o)}: deprecated API`),
  'no-read-only-root-fs': perContainer((c) =>
    c.securityContext?.readOnlyRootFilesystem === true ? undefined : 'root filesystem is writable',
  ),
  'non-existent-service-account': perPod(({ pod }, objects) => {
    const name = pod.serviceAccountName ?? pod.serviceAccount;
    if (!name || name === 'default') return undefined;
    return objects.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === name)
      ? undefined
      : `service account ${name} not found`;
  }),
  'pdb-max-unavailable': (objects) =>
    pdbs(objects)
      .filter((p) => isZero(p.spec.maxUnavailable))
      .map((p) => `${nameOf(p)}: maxUnavailable 0 blocks every disruption`),
  'pdb-min-available': (objects) =>
    pdbs(objects)
      .filter((p) => p.spec.minAvailable !== undefined)
      .filter(
        (p) =>
          p.spec.minAvailable === '100%' ||
          deploymentLikes(objects).some(
            (w) =>
              selects(p.spec.selector.matchLabels, w.labels) &&
              Number(p.spec.minAvailable) >= w.replicas,
          ),
      )
      .map((p) => `${nameOf(p)}: minAvailable blocks every disruption`),
  'pdb-unhealthy-pod-eviction-policy': (objects) =>
    pdbs(objects)
      .filter((p) => !p.spec.unhealthyPodEvictionPolicy)
      .map((p) => `${nameOf(p)}: unhealthyPodEvictionPolicy not set`),
  'privilege-escalation-container': perContainer((c) => {
    const sc = c.securityContext ?? {};
    const escalates =
      sc.allowPrivilegeEscalation !== false ||
      sc.privileged === true ||
      (sc.capabilities?.add ?? []).includes('SYS_ADMIN');
    return escalates ? 'may escalate privileges' : undefined;
  }),
  'privileged-container': perContainer((c) =>
    c.securityContext?.privileged ? 'is privileged' : undefined,
  ),
  'readiness-port': probePortExposed('readinessProbe'),
  'run-as-non-root': perContainer((c, pod) => {
    const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    const user = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    return nonRoot === true || (user !== undefined && user > 0) ? undefined : 'may run as root';
  }),
  'sensitive-host-mounts': perPod(({ pod }) => {
    const sensitive = hostPaths(pod).filter((p) => SENSITIVE_HOST_DIRS.some((r) => r.test(p)));
    return sensitive.length ? `mounts host paths ${sensitive}` : undefined;
  }),
  'ssh-port': perContainer((c) =>
    (c.ports ?? []).some((p: any) => p.containerPort === 22 && (p.protocol ?? 'TCP') === 'TCP')
      ? 'exposes port 22'
      : undefined,
  ),
  'startup-port': probePortExposed('startupProbe'),
  'unsafe-sysctls': perPod(({ pod }) => {
    const unsafe = (pod.securityContext?.sysctls ?? []).filter((s: any) =>
      UNSAFE_SYSCTLS.some((p) => s.name.startsWith(p)),
    );
    return unsafe.length ? `sets unsafe sysctls ${unsafe.map((s: any) => s.name)}` : undefined;
  }),
  'unset-cpu-requirements': perContainer((c) =>
    quantitySet(c.resources?.requests?.cpu) ? undefined : 'no CPU request',
  ),
  'unset-memory-requirements': perContainer((c) =>
    quantitySet(c.resources?.limits?.memory) ? undefined : 'no memory limit',
  ),
};
