import { EVERY_WORKLOAD, podSpecOf, synthesize, WORKLOAD_KINDS } from '../support/manifests';

/** Volume types the Pod Security Standards `restricted` profile allows. */
const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

const workloads = synthesize(EVERY_WORKLOAD).filter((m) => WORKLOAD_KINDS.includes(m.kind));
const pods = workloads.map((w) => [`${w.kind}/${w.metadata.name}`, podSpecOf(w)] as const);
const containers = pods.flatMap(([name, pod]) =>
  [...(pod.initContainers ?? []), ...pod.containers].map(
    (c: any) => [`${name} ${c.name}`, c, pod] as const,
  ),
);

describe('Pod Security Standards "restricted", for every pod', () => {
  test('there are pods to check', () => {
    expect(pods.length).toBeGreaterThanOrEqual(8 + 5);
  });

  test.each(pods)(
    '%s shares no host namespace and mounts only allowed volume types',
    (_name, pod) => {
      expect(pod.hostNetwork ?? false).toBe(false);
      expect(pod.hostPID ?? false).toBe(false);
      expect(pod.hostIPC ?? false).toBe(false);
      for (const volume of pod.volumes ?? []) {
        const types = Object.keys(volume).filter((k) => k !== 'name');
        expect(types.every((t) => RESTRICTED_VOLUME_TYPES.includes(t))).toBe(true);
      }
    },
  );

  test.each(pods)(
    '%s runs as a non-root numeric user with the RuntimeDefault seccomp profile',
    (_name, pod) => {
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.securityContext.seccompProfile.type).toBe('RuntimeDefault');
    },
  );

  test.each(containers)(
    '%s: no privilege, no escalation, all capabilities dropped, read-only root',
    (_name, c) => {
      const sc = c.securityContext;
      expect(sc.privileged ?? false).toBe(false);
      expect(sc.allowPrivilegeEscalation).toBe(false);
      expect(sc.capabilities.drop).toEqual(['ALL']);
      expect(
        (sc.capabilities.add ?? []).filter((cap: string) => cap !== 'NET_BIND_SERVICE'),
      ).toEqual([]);
      expect(sc.readOnlyRootFilesystem).toBe(true);
      expect(sc.runAsUser ?? 1).not.toBe(0);
      expect((c.ports ?? []).filter((p: any) => p.hostPort)).toEqual([]);
    },
  );
});
