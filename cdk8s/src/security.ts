import { k8s } from 'cdk8s-plus-27';

/** The numeric UID and GID the shop's images run as (see the Dockerfile). */
export const APP_UID = 10001;

/** A pod security context meeting the Pod Security Standards `restricted` profile. */
export function restrictedPodSecurity(uid: number = APP_UID): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** A container security context meeting `restricted`, with a read-only root filesystem. */
export function restrictedContainerSecurity(): k8s.SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Requests and limits for one container. */
export interface ContainerSize {
  readonly cpuRequest: string;
  readonly memoryRequest: string;
  readonly cpuLimit: string;
  readonly memoryLimit: string;
}

export function resourcesOf(size: ContainerSize): k8s.ResourceRequirements {
  return {
    requests: { cpu: quantity(size.cpuRequest), memory: quantity(size.memoryRequest) },
    limits: { cpu: quantity(size.cpuLimit), memory: quantity(size.memoryLimit) },
  };
}

const quantity = (value: string): k8s.Quantity => k8s.Quantity.fromString(value);
