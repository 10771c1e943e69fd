import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { EVERY_WORKLOAD, synthesizeToDirectory, type Manifest } from './support/manifests';
import { defaultChecks } from './support/kube-linter/checks';

/*
 * kube-linter cannot be built here: neither golang.stackrox.io/kube-linter nor
 * github.com/stackrox/kube-linter is served by the Go module proxy. Its default checks are
 * encoded instead (support/kube-linter/checks.ts) and run over the synthesized files, as
 * `kube-linter lint dist/` would. No check is excluded.
 */
const KUBE_LINTER_DEFAULT_CHECKS = [
  'dangling-service',
  'deprecated-service-account-field',
  'docker-sock',
  'drop-net-raw-capability',
  'duplicate-env-var',
  'env-var-secret',
  'host-ipc',
  'host-network',
  'host-pid',
  'invalid-target-ports',
  'latest-tag',
  'liveness-port',
  'mismatching-selector',
  'no-anti-affinity',
  'no-extensions-v1beta',
  'no-read-only-root-fs',
  'non-existent-service-account',
  'pdb-max-unavailable',
  'pdb-min-available',
  'pdb-unhealthy-pod-eviction-policy',
  'privilege-escalation-container',
  'privileged-container',
  'readiness-port',
  'run-as-non-root',
  'sensitive-host-mounts',
  'ssh-port',
  'startup-port',
  'unsafe-sysctls',
  'unset-cpu-requirements',
  'unset-memory-requirements',
];

function lintTarget(): Manifest[] {
  const dist = synthesizeToDirectory(EVERY_WORKLOAD);
  return readdirSync(dist).flatMap((file) =>
    parseAllDocuments(readFileSync(join(dist, file), 'utf8')).map((d) => d.toJS() as Manifest),
  );
}

const dist = lintTarget();
const deployment = (objects: Manifest[]) => objects.find((o) => o.kind === 'Deployment')!;
const pod = (objects: Manifest[]) => deployment(objects).spec.template.spec;
const container = (objects: Manifest[]) => pod(objects).containers[0];
const pdb = (objects: Manifest[]) => objects.find((o) => o.kind === 'PodDisruptionBudget')!;

/** One way to break each check, proving the encoded check reports it. */
const breakers: Record<string, (objects: Manifest[]) => void> = {
  'dangling-service': (o) =>
    (o.find((x) => x.kind === 'Service' && x.spec.selector)!.spec.selector = { app: 'nobody' }),
  'deprecated-service-account-field': (o) => (pod(o).serviceAccount = 'other'),
  'docker-sock': (o) =>
    pod(o).volumes.push({ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }),
  'drop-net-raw-capability': (o) =>
    (container(o).securityContext.capabilities = { drop: ['SYS_ADMIN'] }),
  'duplicate-env-var': (o) =>
    (container(o).env = [
      { name: 'A', value: '1' },
      { name: 'A', value: '2' },
    ]),
  'env-var-secret': (o) => (container(o).env = [{ name: 'API_SECRET', value: 'hunter2' }]),
  'host-ipc': (o) => (pod(o).hostIPC = true),
  'host-network': (o) => (pod(o).hostNetwork = true),
  'host-pid': (o) => (pod(o).hostPID = true),
  'invalid-target-ports': (o) => (container(o).ports[0].name = 'Not_A_Name'),
  'latest-tag': (o) => (container(o).image = 'shop/gateway:latest'),
  'liveness-port': (o) => (container(o).livenessProbe.httpGet.port = 'metrics'),
  'mismatching-selector': (o) => (deployment(o).spec.selector.matchLabels = { app: 'else' }),
  'no-anti-affinity': (o) => {
    deployment(o).spec.replicas = 3;
    delete pod(o).affinity;
  },
  'no-extensions-v1beta': (o) =>
    o.push({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'old' } }),
  'no-read-only-root-fs': (o) => (container(o).securityContext.readOnlyRootFilesystem = false),
  'non-existent-service-account': (o) => (pod(o).serviceAccountName = 'ghost'),
  'pdb-max-unavailable': (o) => (pdb(o).spec.maxUnavailable = 0),
  'pdb-min-available': (o) => {
    delete pdb(o).spec.maxUnavailable;
    pdb(o).spec.minAvailable = '100%';
  },
  'pdb-unhealthy-pod-eviction-policy': (o) => delete pdb(o).spec.unhealthyPodEvictionPolicy,
  'privilege-escalation-container': (o) =>
    (container(o).securityContext.allowPrivilegeEscalation = true),
  'privileged-container': (o) => (container(o).securityContext.privileged = true),
  'readiness-port': (o) => (container(o).readinessProbe.httpGet.port = 9999),
  'run-as-non-root': (o) => {
    delete pod(o).securityContext.runAsNonRoot;
    delete pod(o).securityContext.runAsUser;
    delete container(o).securityContext.runAsNonRoot;
  },
  'sensitive-host-mounts': (o) => pod(o).volumes.push({ name: 'etc', hostPath: { path: '/etc' } }),
  'ssh-port': (o) => container(o).ports.push({ name: 'ssh', containerPort: 22 }),
  'startup-port': (o) => (container(o).startupProbe.httpGet.port = 'admin'),
  'unsafe-sysctls': (o) =>
    (pod(o).securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }]),
  'unset-cpu-requirements': (o) => delete container(o).resources.requests.cpu,
  'unset-memory-requirements': (o) => delete container(o).resources.limits.memory,
};

describe('kube-linter default checks over the synthesized dist/', () => {
  test('every default check of kube-linter is encoded, and nothing else', () => {
    expect(Object.keys(defaultChecks).sort()).toEqual([...KUBE_LINTER_DEFAULT_CHECKS].sort());
  });

  test.each(KUBE_LINTER_DEFAULT_CHECKS)('%s passes', (check) => {
    expect(defaultChecks[check]!(dist)).toEqual([]);
  });

  test.each(KUBE_LINTER_DEFAULT_CHECKS)('%s reports an object that breaks it', (check) => {
    const broken = structuredClone(dist);
    breakers[check]!(broken);
    expect(defaultChecks[check]!(broken)).not.toEqual([]);
  });
});
