import type { Manifest } from '../manifests';
import { containersOf, deploymentLikes, nameOf, type DeploymentLike } from './objects';

/** Shapes of kube-linter checks: per container, per pod, probe ports. */

/** A kube-linter check, re-implemented: the objects it reports, as messages. */
export type Check = (objects: readonly Manifest[]) => string[];

export const perContainer =
  (test: (container: any, pod: any) => string | undefined): Check =>
  (objects) =>
    deploymentLikes(objects).flatMap(({ object, pod }) =>
      containersOf(pod).flatMap((c) => {
        const problem = test(c, pod);
        return problem ? [`${nameOf(object)} container ${c.name}: ${problem}`] : [];
      }),
    );

export const perPod =
  (test: (workload: DeploymentLike, objects: readonly Manifest[]) => string | undefined): Check =>
  (objects) =>
    deploymentLikes(objects).flatMap((w) => {
      const problem = test(w, objects);
      return problem ? [`${nameOf(w.object)}: ${problem}`] : [];
    });

export const hostPaths = (pod: any): string[] =>
  (pod.volumes ?? []).flatMap((v: any) => (v.hostPath ? [v.hostPath.path] : []));

export function probePortExposed(
  probe: 'livenessProbe' | 'readinessProbe' | 'startupProbe',
): Check {
  return perContainer((c) => {
    const action = c[probe]?.httpGet ?? c[probe]?.tcpSocket ?? c[probe]?.grpc;
    if (!action) return undefined;
    const exposed = (c.ports ?? []).some(
      (p: any) => p.name === action.port || p.containerPort === action.port,
    );
    return exposed
      ? undefined
      : `${probe} targets port ${action.port}, which the container does not expose`;
  });
}
