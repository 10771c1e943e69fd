import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  FakeKubeApi,
  type FakeObject,
} from '../../../../services/gateway/test/support/fake-kube-api';
import { status } from '../../src/commands/status';

const deployment = (name: string, app: string, replicas: number, ready: number): FakeObject => ({
  metadata: { name, namespace: 'shop', labels: { app } },
  spec: { replicas },
  status: { readyReplicas: ready },
});
const pod = (name: string, app: string, containers: string[]): FakeObject => ({
  metadata: { name, namespace: 'shop', labels: { app } },
  spec: { containers: containers.map((c) => ({ name: c, image: `${c}:1` })) },
});
const peerAuthentication = (namespace: string, mode: string, app?: string): FakeObject => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name: app ?? 'default', namespace },
  spec: { mtls: { mode }, ...(app ? { selector: { matchLabels: { app } } } : {}) },
});

/** Writes a kubeconfig pointing at `server` and makes it the one kubectl (and shopctl) reads. */
function useKubeconfig(server: string): void {
  const file = join(mkdtempSync(join(tmpdir(), 'kubeconfig-')), 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: fake, cluster: {server: "' +
        server +
        '", insecure-skip-tls-verify: true}}]',
      'users: [{name: dev, user: {token: dev-token}}]',
      'contexts: [{name: fake, context: {cluster: fake, user: dev}}]',
      'current-context: fake',
    ].join('\n'),
  );
  process.env.KUBECONFIG = file;
}

async function runStatus(args: string[] = []): Promise<{ code: number; text: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const code = await status(args, out);
  return { code, text: Buffer.concat(chunks).toString('utf8') };
}

describe('shopctl status against a Kubernetes API', () => {
  const api = new FakeKubeApi();
  const savedKubeconfig = process.env.KUBECONFIG;

  beforeAll(async () => {
    // The client (ESM, thousands of modules jest transforms) loads once here, under the hook's
    // own budget: on a loaded two-core machine it alone took the first test past 30 s.
    await import('@kubernetes/client-node');
    useKubeconfig(await api.start());
  }, 180_000);
  afterAll(async () => {
    process.env.KUBECONFIG = savedKubeconfig;
    await api.stop();
  });

  beforeEach(() => {
    api.set('/apis/apps/v1/namespaces/shop/deployments', [
      deployment('gateway-v1', 'gateway', 2, 2),
      deployment('product-v1', 'product', 2, 1),
      deployment('product-v2', 'product', 1, 1),
      deployment('user-v1', 'user', 2, 0),
    ]);
    api.set('/api/v1/namespaces/shop/pods', [
      pod('gateway-1', 'gateway', ['gateway', 'istio-proxy']),
      pod('gateway-2', 'gateway', ['gateway', 'istio-proxy']),
      pod('product-1', 'product', ['product', 'istio-proxy']),
      pod('product-2', 'product', ['product']),
      pod('user-1', 'user', ['user']),
    ]);
    api.set('/apis/security.istio.io/v1/namespaces/shop/peerauthentications', [
      peerAuthentication('shop', 'PERMISSIVE', 'user'),
    ]);
    api.set('/apis/security.istio.io/v1/namespaces/istio-system/peerauthentications', [
      peerAuthentication('istio-system', 'STRICT'),
    ]);
  });

  test('shows per service the desired and ready replicas, sidecar injection and the effective mTLS mode', async () => {
    const { code, text } = await runStatus();
    expect(code).toBe(0);
    expect(
      text
        .trim()
        .split('\n')
        .map((line) => line.split(/\s{2,}/)),
    ).toEqual([
      ['SERVICE', 'READY', 'SIDECAR', 'MTLS'],
      ['gateway', '2/2', 'yes', 'STRICT (mesh)'],
      ['product', '2/3', '1/2', 'STRICT (mesh)'],
      ['user', '0/2', 'no', 'PERMISSIVE (workload)'],
    ]);
  });

  test("falls back to Istio's default when no PeerAuthentication applies (or Istio is not installed)", async () => {
    api.set('/apis/security.istio.io/v1/namespaces/shop/peerauthentications', []);
    api.set('/apis/security.istio.io/v1/namespaces/istio-system/peerauthentications', []);
    const { text } = await runStatus();
    expect(text).toContain('PERMISSIVE (Istio default)');
  });

  test("reads the namespace given with -n, through the kubeconfig's server", async () => {
    api.set('/apis/apps/v1/namespaces/staging/deployments', []);
    api.set('/api/v1/namespaces/staging/pods', []);
    const { code, text } = await runStatus(['-n', 'staging']);
    expect(code).toBe(0);
    expect(text).toBe('no deployments in namespace staging\n');
    expect(api.requests).toContainEqual(
      expect.stringMatching(/^GET \/apis\/apps\/v1\/namespaces\/staging\/deployments/),
    );
  });

  test('answers usage and exit code 2 to arguments it does not know', async () => {
    expect(await runStatus(['--all'])).toEqual({
      code: 2,
      text: expect.stringContaining('usage: shopctl status'),
    });
  });
});
