import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { signupCustomer } from '../support/shop-api';
import { connectToShop, type ShopConnection } from './support/connect';
import { kubectlIn } from './support/kube';

// make cluster-test: charts/shop installed with Helm into a second namespace, as users install it
// (its own replicas and requests; scripts/cluster/helm-release.sh), beside the applied manifests.
jest.setTimeout(900_000);
const NAMESPACE = 'shop-helm';
const release = (action: 'install' | 'uninstall') =>
  promisify(execFile)(`${__dirname}/../../scripts/cluster/helm-release.sh`, [action, NAMESPACE], {
    maxBuffer: 16 * 1024 * 1024,
  });

let shop: ShopConnection;

beforeAll(async () => {
  await release('install');
  shop = await connectToShop(NAMESPACE);
}, 900_000);

afterAll(async () => {
  shop?.gateway.close();
  await release('uninstall');
}, 600_000);

test('every Deployment of the release has all its replicas ready, under restricted Pod Security', async () => {
  const deployments = JSON.parse(await kubectlIn(NAMESPACE, 'get', 'deployments', '-o', 'json'));
  expect(deployments.items.length).toBeGreaterThanOrEqual(9);
  for (const d of deployments.items)
    expect({ name: d.metadata.name, ready: d.status.readyReplicas }).toEqual({
      name: d.metadata.name,
      ready: d.spec.replicas,
    });
  const namespace = JSON.parse(
    await kubectlIn(NAMESPACE, 'get', 'namespace', NAMESPACE, '-o', 'json'),
  );
  expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  expect(namespace.metadata.labels['app.kubernetes.io/managed-by']).toBe('Helm');
});

test('an order placed through the release gateway Service reaches CONFIRMED', async () => {
  const product = await shop.admin.createProduct(1200, 10);
  const customer = await signupCustomer(shop.gateway.url);
  const placed = await customer.placeOrder([{ productId: product.id, quantity: 1 }], 'tok_visa');
  expect(placed.status).toBe(202);
  expect((await customer.waitForFinal(placed.body.id, 60_000)).status).toBe('CONFIRMED');
});
