import type { SecretEnv } from '../config/service-environment';
import type { ContainerSize } from '../security';
import type { DependencyName } from './stateful-dependencies';

/** A probe target: an HTTP path on a named port, or a TCP connect. */
export type ProbeTarget =
  | { readonly httpGet: { readonly path: string; readonly port: string } }
  | { readonly tcpSocket: { readonly port: string } };

/** What a stateful dependency needs, as data; StatefulDependency renders it. */
export interface DependencySpec {
  readonly name: DependencyName;
  /** Pinned image reference. */
  readonly image: string;
  /** Numeric user the image's process runs as. */
  readonly uid: number;
  /** Replaces the image's entrypoint. @default the image's */
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** Plain settings. */
  readonly env: Readonly<Record<string, string>>;
  readonly secretEnv: readonly SecretEnv[];
  /** Where the PersistentVolumeClaim is mounted. */
  readonly dataPath: string;
  /** @default '1Gi' */
  readonly storage?: string;
  /** Other writable directories (emptyDir), since the root filesystem is read-only. */
  readonly scratchPaths: readonly string[];
  /** Files mounted read-only from a ConfigMap of the same name as the dependency. */
  readonly files?: { readonly mountPath: string; readonly data: Readonly<Record<string, string>> };
  readonly readiness: ProbeTarget;
  readonly liveness: ProbeTarget;
  readonly size: ContainerSize;
}
