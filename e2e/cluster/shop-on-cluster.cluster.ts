import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { waitFor } from '@shop/common/testing';
import { expectStatus, signupCustomer, type Product, type ShopClient } from '../support/shop-api';
import { connectToShop } from './support/connect';
import {
  kubectl,
  kubectlJson,
  restartAndWait,
  setConfig,
  type GatewayForward,
} from './support/kube';

// make cluster-test: the shop as deployed (make cluster-deploy) on the local Kubernetes node,
// reached only through the gateway Service (a port-forward), as a user of the cluster sees it.
jest.setTimeout(600_000);
const SERVICE_UID = 10001;

let gateway: GatewayForward;
let admin: ShopClient;

async function reconnect(): Promise<void> {
  gateway?.close();
  ({ gateway, admin } = await connectToShop());
}

async function placeAndSettle(token: string, product: Product) {
  const customer = await signupCustomer(gateway.url);
  const placed = expectStatus(
    await customer.placeOrder([{ productId: product.id, quantity: 1 }], token),
    202,
  );
  return customer.waitForFinal(placed.id, 60_000);
}

beforeAll(reconnect, 120_000);
afterAll(() => gateway?.close());

test('every pod of the shop runs as UID 10001 with a read-only root filesystem', async () => {
  const pods = await kubectlJson<{ items: any[] }>(
    'get',
    'pods',
    '--field-selector=status.phase=Running',
  );
  const services = pods.items.filter((p) => p.spec.containers[0].image.startsWith('shop/'));
  expect(services.length).toBeGreaterThanOrEqual(8);
  for (const pod of pods.items) {
    const probe = await kubectl(
      'exec',
      pod.metadata.name,
      '--',
      'sh',
      '-c',
      'id -u; touch /probe 2>&1 || true',
    );
    const [uid, touched] = probe.trim().split('\n');
    expect(touched).toContain('Read-only file system');
    if (services.includes(pod)) expect(Number(uid)).toBe(SERVICE_UID);
  }
});

test('services find each other only by Kubernetes DNS names', async () => {
  const config = await kubectlJson<{ data: Record<string, string> }>(
    'get',
    'configmap',
    'gateway-config',
  );
  expect(config.data.DISCOVERY).toBe('dns');
  const upstreams = Object.entries(config.data).filter(([k]) => k.endsWith('_URL'));
  expect(upstreams.length).toBeGreaterThan(0);
  const [pod] = (await kubectl('get', 'pods', '-l', 'app=gateway', '-o', 'name'))
    .trim()
    .split('\n');
  for (const [, url] of upstreams) {
    const host = new URL(url).hostname;
    expect(host).toMatch(/^[a-z-]+$/);
    const service = await kubectlJson('get', 'service', host);
    const resolved = await kubectl(
      'exec',
      pod!,
      '--',
      'node',
      '-e',
      `require('dns').lookup('${host}', (e, a) => { if (e) throw e; console.log(a); })`,
    );
    expect(resolved.trim()).toBe(service.spec.clusterIP);
  }
});

// Orchestration last: it is the manifests' SAGA_MODE, so after the run the ConfigMaps and the
// running pods agree (and a later `kubectl apply` of the manifests changes nothing).
describe.each(['choreography', 'orchestration'])('saga mode %s', (mode) => {
  let product: Product;
  beforeAll(async () => {
    const restarted = await setConfig('SAGA_MODE', mode);
    expect(restarted).toContain('order-v1');
    await restartAndWait(restarted);
    await reconnect();
    product = await admin.createProduct(1999, 1000);
  }, 600_000);

  test('a paid order reaches CONFIRMED through the gateway Service', async () => {
    expect((await placeAndSettle('tok_visa', product)).status).toBe('CONFIRMED');
  });

  test('a declined order reaches CANCELLED', async () => {
    const order = await placeAndSettle('tok_chargeDeclined', product);
    expect(order.status).toBe('CANCELLED');
  });
});

// Saga participants with a PostgreSQL outbox: old and new pods overlap while they roll. Order is
// not restarted so: its store here is FerretDB standing in for MongoDB, and FerretDB 1.24 applies
// an update as an unlocked read-modify-write, so two order processes writing one document can
// lose a transition (MongoDB applies the version filter atomically). docs/kubernetes.md says so.
test('a rolling restart of inventory and payment under a small checkout load loses no order and answers no 5xx', async () => {
  const product = await admin.createProduct(500, 10_000);
  const customer = await signupCustomer(gateway.url);
  const statuses: number[] = [];
  const placed: string[] = [];
  let load = true;
  const worker = async () => {
    while (load) {
      const res = await customer.placeOrder([{ productId: product.id, quantity: 1 }]);
      statuses.push(res.status);
      if (res.status === 202) placed.push(res.body.id);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const workers = [worker(), worker()];
  await restartAndWait(['inventory-v1', 'payment-v1']);
  await waitFor(async () => statuses.length >= 20, {
    timeoutMs: 60_000,
    intervalMs: 200,
    what: 'load',
  });
  load = false;
  await Promise.all(workers);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(placed.length).toBeGreaterThan(0);
  for (const id of placed)
    expect((await customer.waitForFinal(id, 60_000)).status).toBe('CONFIRMED');
});

test('shopctl status reports every workload of the shop ready', async () => {
  const { stdout } = await promisify(execFile)('node', [
    `${__dirname}/../../tools/shopctl/dist/main.js`,
    'status',
  ]);
  const deployments = await kubectlJson<{ items: any[] }>('get', 'deployments');
  for (const d of deployments.items) {
    const row = new RegExp(`^${d.metadata.labels.app}\\s+(\\d+)/(\\d+)\\s`, 'm').exec(stdout);
    expect(row?.[1]).toBe(row?.[2]);
    expect(Number(row?.[1])).toBeGreaterThan(0);
  }
});

test('the gateway finds its upstreams from EndpointSlices of the real API server (DISCOVERY=kubernetes)', async () => {
  const dir = `${__dirname}/../../.cluster/manifests-discovery`;
  const synth = promisify(execFile);
  await synth('node', [`${__dirname}/../../cdk8s/dist/local-main.js`, dir], {
    env: { ...process.env, SHOP_DISCOVERY: 'kubernetes' },
  });
  await kubectl('apply', '-f', `${dir}/0002-services.k8s.yaml`);
  try {
    await kubectl('rollout', 'status', 'deployment/gateway-v1', '--timeout=300s');
    const config = await kubectlJson('get', 'configmap', 'gateway-config');
    expect(config.data.DISCOVERY).toBe('kubernetes');
    await reconnect();
    const product = await admin.createProduct(700, 10);
    expect((await placeAndSettle('tok_visa', product)).status).toBe('CONFIRMED');
  } finally {
    await kubectl('apply', '-f', `${__dirname}/../../.cluster/manifests/0002-services.k8s.yaml`);
    await kubectl('rollout', 'status', 'deployment/gateway-v1', '--timeout=300s');
  }
});

test('Pod Security admission enforces restricted on the shop namespace', async () => {
  const namespace = await kubectlJson('get', 'namespace', 'shop');
  expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  const rootPod = kubectl(
    'run',
    'psa-probe',
    '--image=shop/gateway:dev',
    '--restart=Never',
    '--dry-run=server',
    '--overrides={"spec":{"securityContext":{"runAsUser":0}}}',
  );
  await expect(rootPod).rejects.toThrow(/violates PodSecurity "restricted:latest"/);
});
