import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { waitFor } from '@shop/common/testing';

const run = promisify(execFile);
const ROOT = `${__dirname}/../../..`;
/** The shop's namespace on the local cluster (the manifests name it). */
export const NAMESPACE = 'shop';

/** kubectl from ./bin in `namespace` of the local cluster (KUBECONFIG as make cluster-test sets it). */
export async function kubectlIn(namespace: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(`${ROOT}/bin/kubectl`, ['-n', namespace, ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** kubectl in the shop's namespace. */
export const kubectl = (...args: string[]) => kubectlIn(NAMESPACE, ...args);

export async function kubectlJson<T = any>(...args: string[]): Promise<T> {
  return JSON.parse(await kubectl(...args, '-o', 'json')) as T;
}

/** A `kubectl port-forward` to the gateway Service on a free loopback port. */
export interface GatewayForward {
  readonly url: string;
  close(): void;
}

export function forwardGateway(namespace = NAMESPACE): Promise<GatewayForward> {
  const child: ChildProcess = spawn(
    `${ROOT}/bin/kubectl`,
    ['-n', namespace, 'port-forward', '--address', '127.0.0.1', 'service/gateway', ':80'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`port-forward did not start: ${output}`)),
      20_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`port-forward exited (${code}): ${output}`)));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: `http://127.0.0.1:${port}`, close: () => child.kill() });
    });
  });
}

/**
 * Restarts the Deployments (kubectl rollout restart) and waits until each is rolled out again
 * and its old pods are gone: `rollout status` returns while they are still terminating, and a
 * terminating pod still consumes and relays with its old configuration.
 */
export async function restartAndWait(deployments: readonly string[]): Promise<void> {
  for (const d of deployments) await kubectl('rollout', 'restart', `deployment/${d}`);
  for (const d of deployments) {
    await kubectl('rollout', 'status', `deployment/${d}`, '--timeout=300s');
    await waitFor(() => onlyCurrentPods(d), {
      timeoutMs: 120_000,
      intervalMs: 500,
      what: `the old pods of ${d} gone`,
    });
  }
}

async function onlyCurrentPods(deployment: string): Promise<boolean> {
  const spec = (await kubectlJson('get', 'deployment', deployment)).spec;
  const selector = Object.entries(spec.selector.matchLabels as Record<string, string>)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = (await kubectlJson<{ items: any[] }>('get', 'pods', '-l', selector)).items;
  return pods.length === spec.replicas && pods.every((p) => !p.metadata.deletionTimestamp);
}

/** Sets `key` in every ConfigMap of the namespace that has it; returns the Deployments using them. */
export async function setConfig(key: string, value: string): Promise<string[]> {
  const maps = await kubectlJson<{
    items: { metadata: { name: string }; data?: Record<string, string> }[];
  }>('get', 'configmaps');
  const changed = maps.items.filter((m) => m.data && key in m.data).map((m) => m.metadata.name);
  for (const name of changed) {
    await kubectl(
      'patch',
      'configmap',
      name,
      '--type=merge',
      '-p',
      JSON.stringify({ data: { [key]: value } }),
    );
  }
  const deployments = await kubectlJson<{ items: any[] }>('get', 'deployments');
  return deployments.items
    .filter((d) =>
      d.spec.template.spec.containers.some((c: any) =>
        (c.envFrom ?? []).some((e: any) => changed.includes(e.configMapRef?.name)),
      ),
    )
    .map((d) => d.metadata.name as string);
}

/** A value of the dev credentials Secret the manifests create. */
export async function devCredential(key: string, namespace = NAMESPACE): Promise<string> {
  const secret = JSON.parse(
    await kubectlIn(namespace, 'get', 'secret', 'shop-dev-credentials', '-o', 'json'),
  ) as { data: Record<string, string> };
  const value = secret.data[key];
  if (!value) throw new Error(`shop-dev-credentials has no ${key}`);
  return Buffer.from(value, 'base64').toString();
}
