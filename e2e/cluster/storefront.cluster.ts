import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { checkPage, launchChromium, newShopPage } from '../support/browser';
import { connectToShop, type ShopConnection } from './support/connect';

// make cluster-test: what a reader of make cluster-demo does: the storefront in a real (headless)
// Chromium, through a port-forward to the gateway Service, and one order placed that completes.
jest.setTimeout(300_000);
let shop: ShopConnection;
let browser: Browser;

beforeAll(async () => {
  shop = await connectToShop();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  shop?.gateway.close();
});

test('a shopper signs up in the storefront, buys a product and sees the order CONFIRMED', async () => {
  const product = await shop.admin.createProduct(1450, 5);
  const { page, cspViolations } = await newShopPage(browser);
  await page.goto(`${shop.gateway.url}/`);
  await page.getByRole('heading', { name: /products?$/ }).waitFor();
  await page.getByRole('link', { name: 'Sign up', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
  await page.getByLabel('Email', { exact: true }).fill(`grace-${randomUUID()}@example.com`);
  await page.getByLabel('Password', { exact: true }).fill('compiler pioneer');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();

  await page.goto(`${shop.gateway.url}/products/${product.id}`);
  await page.getByRole('heading', { name: product.name }).waitFor();
  await page.getByRole('button', { name: 'Add to cart', exact: true }).click();
  await page.getByRole('link', { name: 'Cart', exact: true }).click();
  await page.getByRole('link', { name: 'Checkout', exact: true }).click();
  await page.getByLabel('Card', { exact: true }).selectOption('tok_visa');
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[\w-]+$/);
  await page.locator('.order-status', { hasText: 'CONFIRMED' }).waitFor({ timeout: 60_000 });
  expect(await checkPage(page, 'cluster-order-confirmed')).toEqual([]);
  expect(cspViolations).toEqual([]);
});
