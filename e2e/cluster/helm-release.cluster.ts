import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { waitFor } from '@shop/common/testing';
import { expectStatus, signupCustomer } from '../support/shop-api';
import { connectToShop, type ShopConnection } from './support/connect';
import { kubectlIn } from './support/kube';

// make cluster-test: charts/shop installed with Helm into a second namespace, as users install it
// (its own replicas and requests; scripts/cluster/helm-release.sh), beside the applied manifests.
// The release streams order events through Kafka (eventStream=kafka), the manifests through the
// RabbitMQ stream queue, so one run deploys both logs.
jest.setTimeout(900_000);
const NAMESPACE = 'shop-helm';
const release = (action: 'install' | 'uninstall', ...values: string[]) =>
  promisify(execFile)(
    `${__dirname}/../../scripts/cluster/helm-release.sh`,
    [action, NAMESPACE, ...values],
    { maxBuffer: 16 * 1024 * 1024 },
  );

let shop: ShopConnection;

beforeAll(async () => {
  await release('install', '--set', 'eventStream=kafka');
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

  // Analytics reads the order events from the release's Kafka topic, not a stream queue.
  const analytics = JSON.parse(
    await kubectlIn(NAMESPACE, 'get', 'configmap', 'analytics-config', '-o', 'json'),
  );
  expect(analytics.data).toMatchObject({ EVENT_STREAM: 'kafka' });
  await waitFor(
    async () => {
      const summary = expectStatus<{ topProducts: { productId: string; quantity: number }[] }>(
        await shop.admin.request('GET', '/api/analytics/summary'),
        200,
      );
      return summary.topProducts.some((p) => p.productId === product.id && p.quantity === 1);
    },
    { timeoutMs: 60_000, intervalMs: 500, what: 'the order in the analytics summary (from Kafka)' },
  );
});
