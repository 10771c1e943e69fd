import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { waitFor } from '@shop/common/testing';
import {
  createEndpointSliceRegistry,
  type EndpointSliceRegistry,
} from '../../services/gateway/src/discovery/endpoint-slice-registry';
import { kubectl, kubectlJson, NAMESPACE } from './support/kube';

// make cluster-test: the gateway's EndpointSlice client (list, then watch) against the real API
// server over TLS, with a bearer token file and a CA file as a pod's ServiceAccount has them.
jest.setTimeout(120_000);
const PROBE = 'discovery-probe';
let registry: EndpointSliceRegistry;

function clusterAccessFromKubeconfig() {
  const config = parse(readFileSync(process.env.KUBECONFIG!, 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'shop-kube-'));
  writeFileSync(
    join(dir, 'ca.crt'),
    Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64'),
  );
  writeFileSync(join(dir, 'token'), config.users[0].user.token);
  return {
    server: config.clusters[0].cluster.server as string,
    tokenFile: join(dir, 'token'),
    caFile: join(dir, 'ca.crt'),
  };
}

/** An EndpointSlice no controller manages, for a Service that does not exist. */
const probeSlice = (ready: boolean) =>
  JSON.stringify({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: PROBE,
      labels: {
        'kubernetes.io/service-name': PROBE,
        'endpointslice.kubernetes.io/managed-by': 'cluster-test.shop.local',
      },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.0.250'], conditions: { ready } }],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  });

const sliceFile = join(mkdtempSync(join(tmpdir(), 'shop-slice-')), 'slice.json');
const applySlice = (ready: boolean) => {
  writeFileSync(sliceFile, probeSlice(ready));
  return kubectl('apply', '-f', sliceFile);
};
const errors: unknown[] = [];

beforeAll(async () => {
  await kubectl('delete', 'endpointslice', PROBE, '--ignore-not-found');
  registry = createEndpointSliceRegistry({
    namespace: NAMESPACE,
    services: ['product', PROBE],
    cluster: clusterAccessFromKubeconfig(),
    restartDelayMs: 200,
    onError: (error) => errors.push(error),
  });
  await registry.start();
});

afterAll(async () => {
  registry?.stop();
  await kubectl('delete', 'endpointslice', PROBE, '--ignore-not-found');
});

test('lists the ready endpoints of a Service: the product pods', async () => {
  const pods = await kubectlJson<{ items: any[] }>('get', 'pods', '-l', 'app=product');
  const ready = pods.items
    .filter((p) => p.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'))
    .map((p) => p.status.podIP as string);
  expect(ready.length).toBeGreaterThan(0);
  expect(ready).toContain(new URL(registry.pick('product')!).hostname);
});

test('follows the watch: a slice added, its endpoint turning not ready, the slice deleted', async () => {
  expect(registry.pick(PROBE)).toBeUndefined();
  await applySlice(true);
  await waitFor(() => registry.pick(PROBE) === 'http://10.244.0.250:8080', { what: 'ADDED' });
  await applySlice(false);
  await waitFor(() => registry.pick(PROBE) === undefined, { what: 'MODIFIED to not ready' });
  await applySlice(true);
  await waitFor(() => registry.pick(PROBE) !== undefined, { what: 'MODIFIED to ready' });
  await kubectl('delete', 'endpointslice', PROBE);
  await waitFor(() => registry.pick(PROBE) === undefined, { what: 'DELETED' });
  expect(errors).toEqual([]);
});
