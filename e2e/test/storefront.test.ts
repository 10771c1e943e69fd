import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitFor } from '@shop/common/testing';
import { startIsolatedStack, type IsolatedStack } from '../../tools/shopctl/src/runner/isolated';
import { loginAdmin, ShopClient } from '../support/shop-api';

/** The storefront in a real (headless) Chromium, against the real gateway, user and product. */
let shop: IsolatedStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const executablePath = execFileSync(path.join(__dirname, '../../scripts/ensure-chromium.sh'))
    .toString()
    .trim();
  shop = await startIsolatedStack({
    name: 'storefront',
    only: ['user', 'product', 'inventory', 'payment', 'order', 'storefront', 'gateway'],
    env: { LOG_LEVEL: 'warn', SCRYPT_LOG_N: '14' },
  });
  const admin = await loginAdmin(shop.gatewayUrl);
  for (const [name, category] of [
    ['Copper kettle', 'kitchen'],
    ['Trail shoes', 'shoes'],
  ]) {
    const body = { name, description: `A fine ${name}`, category, price: 2500, initialStock: 3 };
    expect((await admin.request('POST', '/api/products', body)).status).toBe(201);
  }
  const catalog = new ShopClient(shop.gatewayUrl);
  await waitFor(async () => (await catalog.request('GET', '/api/products')).body.total === 2);
  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await shop?.destroy();
});

describe('the storefront', () => {
  test('lists the catalog and searches it', async () => {
    await page.goto(`${shop.gatewayUrl}/`);
    await page.locator('article.product h3', { hasText: 'Copper kettle' }).waitFor();
    expect(await page.locator('article.product').count()).toBe(2);

    await page.fill('#q', 'kettle');
    await page.click('#search-form button');
    await waitFor(async () => (await page.locator('article.product').count()) === 1, {
      what: 'search results',
    });
    expect(await page.locator('article.product h3').textContent()).toBe('Copper kettle');
  });

  test('signs a new customer up and shows who is signed in', async () => {
    const email = `ada-${randomUUID()}@example.com`;
    await page.fill('#signup-form input[name=name]', 'Ada');
    await page.fill('#signup-form input[name=email]', email);
    await page.fill('#signup-form input[name=password]', 'analytical engine');
    await page.click('#signup-form button');
    await page.locator('#signed-in:not([hidden])').waitFor();
    expect(await page.locator('#who').textContent()).toBe(email);
    expect(await page.locator('#signup-form').isVisible()).toBe(false);
  });

  test('lets the signed-in customer buy a product and shows the confirmed order', async () => {
    await page.fill('#q', '');
    await page.click('#search-form button');
    const kettle = page.locator('article.product', { hasText: 'Copper kettle' });
    await kettle.locator('button.buy').click();

    await page.locator('#order-list li.order.confirmed', { hasText: 'Copper kettle' }).waitFor();
    expect(await page.locator('#order-status').textContent()).toBe(
      'Order for Copper kettle: CONFIRMED',
    );
  });
});
