import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { topology } from '@shop/topology';
import { TEST_AMQP_URL, waitFor } from '@shop/common/testing';
import { startIsolatedStack, type IsolatedStack } from '../../tools/shopctl/src/runner/isolated';
import { expectStatus, loginAdmin, ShopClient } from '../support/shop-api';

/**
 * Every service at its most talkative (LOG_LEVEL=debug) through sign-ups, logins, failed
 * logins, orders and bad requests: no password, token, signing key or card number it was
 * given may appear anywhere in what the services printed.
 */
jest.setTimeout(180_000);

const logFile = path.join(os.tmpdir(), `shop-secrets-${randomUUID()}.log`);
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const password = `pw-${randomUUID()}`;
const card = '4242424242424242';
const amqp = new URL(TEST_AMQP_URL);
/** What the test handed the services, collected as it goes. */
const secrets = new Map<string, string>([
  ['the admin password', 'shop-admin-local'],
  ['a customer password', password],
  ['a card number', card],
  ['the AMQP credentials', `${amqp.username}:${amqp.password}@`],
  ...signingKey
    .split('\n')
    .filter((line) => line.length === 64)
    .map((line, i) => [`line ${i + 1} of the JWT signing key`, line] as [string, string]),
]);

const out = createWriteStream(logFile);
let shop: IsolatedStack | undefined;
beforeAll(async () => {
  shop = await startIsolatedStack({
    name: 'secrets',
    amqpUrl: TEST_AMQP_URL,
    env: { LOG_LEVEL: 'debug', SCRYPT_LOG_N: '14', RATE_LIMIT_PER_MINUTE: '1000000' },
    serviceEnv: { user: { JWT_PRIVATE_KEY: signingKey, ALLOW_EPHEMERAL_JWT_KEY: 'false' } },
    readyTimeoutMs: 120_000,
    out,
  });
}, 300_000);
afterAll(async () => {
  await shop?.destroy();
  out.end();
  await rm(logFile, { force: true });
});

test('no service logs a password, token, signing key or card number it used', async () => {
  const { gatewayUrl } = shop!;
  const anonymous = new ShopClient(gatewayUrl);
  const email = `secret-${randomUUID()}@e2e.test`;
  const signup = await anonymous.request('POST', '/api/auth/signup', {
    name: 'S',
    email,
    password,
  });
  const { token } = expectStatus<{ token: string }>(signup, 201);
  secrets.set('an access token', token);
  const wrong = await anonymous.request('POST', '/api/auth/login', { email, password: card });
  expect(wrong.status).toBe(401);
  const admin = await loginAdmin(gatewayUrl);
  secrets.set("the admin's access token", admin.token!);
  const customer = new ShopClient(gatewayUrl, token);

  const product = await admin.createProduct(1500, 5);
  // A loaded machine may answer 503 (catalog too slow): retried with the same key, like a client.
  const key = randomUUID();
  const items = [{ productId: product.id, quantity: 1 }];
  const visa = await waitFor(
    async () => {
      const res = await customer.placeOrder(items, 'tok_visa', key);
      return res.status === 202 && (res.body as { id: string });
    },
    { timeoutMs: 30_000, intervalMs: 500, what: 'the order to be accepted' },
  );
  const declined = await customer.placeOrder([{ productId: product.id, quantity: 1 }], card);
  const forged = await new ShopClient(gatewayUrl, card).request('GET', '/api/orders');
  await customer.waitForFinal(visa.id, 30_000);
  expect([declined.status, forged.status]).toEqual([400, 401]);
  await shop!.destroy(); // every process exits and flushes its log
  shop = undefined;
  await new Promise<void>((resolve) => out.end(resolve));

  const logs = await readFile(logFile, 'utf8');
  for (const service of topology.map((s) => s.name)) {
    expect(logs).toContain(`"service":"${service}"`); // the scan reads every service's output
  }
  const hits = [...secrets].filter(([, secret]) => logs.includes(secret)).map(([what]) => what);
  expect(hits).toEqual([]);
});
