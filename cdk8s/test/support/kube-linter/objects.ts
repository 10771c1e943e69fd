import type { Manifest } from '../manifests';

/** A workload and its pod template, as kube-linter's "deployment-like" objects. */
export interface DeploymentLike {
  readonly object: Manifest;
  readonly pod: any;
  readonly labels: Record<string, string>;
  readonly replicas: number;
}

export const DEPLOYMENT_LIKE_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
];

export function deploymentLikes(objects: readonly Manifest[]): DeploymentLike[] {
  return objects
    .filter((o) => DEPLOYMENT_LIKE_KINDS.includes(o.kind))
    .map((object) => {
      const template =
        object.kind === 'Pod'
          ? object
          : object.kind === 'CronJob'
            ? object.spec.jobTemplate.spec.template
            : object.spec.template;
      return {
        object,
        pod: template.spec,
        labels: template.metadata?.labels ?? {},
        replicas: object.spec?.replicas ?? 1,
      };
    });
}

export function containersOf(pod: any): any[] {
  return [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
}

export const nameOf = (o: Manifest) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export const selects = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** IANA service name syntax (RFC 6335 section 5.1), as Kubernetes port names use it. */
export const isIanaServiceName = (name: string) =>
  name.length <= 15 &&
  /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) &&
  /[a-z]/.test(name) &&
  !name.includes('--');
