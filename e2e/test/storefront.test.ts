import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@shop/common/testing';
import { startIsolatedStack, type IsolatedStack } from '../../tools/shopctl/src/runner/isolated';
import { checkPage, launchChromium, newShopPage, PHONE, writeAxeReport } from '../support/browser';
import { loginAdmin, signupCustomer, type ShopClient } from '../support/shop-api';

/** Issue 12: the storefront in a real (headless) Chromium, against the whole shop. */
jest.setTimeout(60_000);
let shop: IsolatedStack;
let admin: ShopClient;
let browser: Browser;
let shopper: Page;
let kettleId: string;
let shoesId: string;
const cspViolations: string[] = [];

const CATALOG: Array<[string, string, number, number]> = [
  ['Copper kettle', 'kitchen', 2500, 3],
  ['Trail shoes', 'shoes', 8900, 10],
  ...Array.from({ length: 12 }, (_, i): [string, string, number, number] => [
    `Linen towel ${i + 1}`,
    'home',
    1200 + i,
    20,
  ]),
];

beforeAll(async () => {
  shop = await startIsolatedStack({
    name: 'storefront',
    env: { LOG_LEVEL: 'warn', SCRYPT_LOG_N: '14' },
  });
  admin = await loginAdmin(shop.gatewayUrl);
  for (const [name, category, price, initialStock] of CATALOG) {
    const body = {
      name,
      description: `A fine ${name.toLowerCase()}.`,
      category,
      price,
      initialStock,
    };
    const res = await admin.request('POST', '/api/products', body);
    expect(res.status).toBe(201);
    if (name === 'Copper kettle') kettleId = res.body.id;
    if (name === 'Trail shoes') shoesId = res.body.id;
  }
  await waitFor(
    async () => (await admin.request('GET', '/api/products')).body.total === CATALOG.length,
  );
  browser = await launchChromium();
  const opened = await newShopPage(browser);
  shopper = opened.page;
  cspViolations.push(...opened.cspViolations);
}, 120_000);

afterAll(async () => {
  writeAxeReport();
  await browser?.close();
  await shop?.destroy();
});

/** axe-core finds no serious or critical problem on the page (a screenshot is kept too). */
async function expectAccessible(page: Page, name: string) {
  expect(await checkPage(page, name)).toEqual([]);
}

async function checkout(page: Page, card: 'tok_visa' | 'tok_chargeDeclined') {
  await page.getByRole('link', { name: 'Cart', exact: true }).click();
  await page.getByRole('link', { name: 'Checkout', exact: true }).click();
  await page.getByLabel('Card', { exact: true }).selectOption(card);
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/orders\/[\w-]+$/);
}

describe('the storefront', () => {
  test('a new shopper signs up, searches, adds two from the product page and sees the order CONFIRMED live', async () => {
    await shopper.goto(`${shop.gatewayUrl}/`);
    await shopper.getByRole('heading', { name: '14 products' }).waitFor();
    await expectAccessible(shopper, 'catalog');
    await shopper.getByRole('link', { name: 'Sign up', exact: true }).click();
    await shopper.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await shopper.getByLabel('Email', { exact: true }).fill(`ada-${randomUUID()}@example.com`);
    await shopper.getByLabel('Password', { exact: true }).fill('analytical engine');
    await expectAccessible(shopper, 'signup');
    await shopper.getByRole('button', { name: 'Sign up' }).click();
    await shopper.getByRole('button', { name: 'Log out' }).waitFor();

    await shopper.getByRole('searchbox').fill('kettle');
    await shopper.getByRole('searchbox').press('Enter');
    await shopper.getByRole('heading', { name: '1 product' }).waitFor();
    await shopper.getByRole('link', { name: 'Copper kettle' }).click();
    await shopper.waitForURL(`**/products/${kettleId}`);
    await shopper.getByRole('heading', { name: 'Copper kettle' }).waitFor();
    await expectAccessible(shopper, 'product');
    await shopper.goBack();
    expect(await shopper.getByRole('searchbox').inputValue()).toBe('kettle');
    await shopper.goForward();
    await shopper.getByRole('spinbutton', { name: 'Quantity' }).fill('2');
    await shopper.getByRole('button', { name: 'Add to cart', exact: true }).click();

    await shopper.reload();
    await shopper.getByRole('link', { name: 'Cart', exact: true }).click();
    expect(await shopper.getByRole('spinbutton', { name: 'Quantity' }).inputValue()).toBe('2');
    await shopper.locator('.total', { hasText: '$50.00' }).waitFor();
    await expectAccessible(shopper, 'cart');
    await shopper.getByRole('link', { name: 'Checkout', exact: true }).click();
    await expectAccessible(shopper, 'checkout');
    await shopper.goBack();

    const calls: string[] = [];
    shopper.on('request', (r) => calls.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await checkout(shopper, 'tok_visa');
    await shopper.evaluate(() => ((globalThis as any).stillThisPage = true));
    await shopper.locator('.order-status', { hasText: 'CONFIRMED' }).waitFor({ timeout: 15_000 });
    await shopper.getByText('Charge payment: done').waitFor();
    expect(await shopper.evaluate(() => (globalThis as any).stillThisPage)).toBe(true);
    // Followed live through the order's event stream, not by polling it.
    const orderPath = new URL(shopper.url()).pathname.replace(/^\/orders/, '/api/orders');
    expect(calls).toContain(`GET ${orderPath}/events`);
    expect(calls).not.toContain(`GET ${orderPath}`);
    await expectAccessible(shopper, 'order-confirmed');
    expect((await admin.stock(kettleId)).available).toBe(1);
  });

  test('a declined card cancels the order, says why, and leaves the stock as it was', async () => {
    await shopper.goto(`${shop.gatewayUrl}/products/${kettleId}`);
    await shopper.getByRole('button', { name: 'Add to cart', exact: true }).click();
    await checkout(shopper, 'tok_chargeDeclined');

    await shopper.locator('.order-status', { hasText: 'CANCELLED' }).waitFor({ timeout: 15_000 });
    await shopper.getByText('Payment declined').waitFor();
    await expectAccessible(shopper, 'order-declined');
    expect(await admin.stock(kettleId)).toMatchObject({ available: 1, reserved: 0 });
  });

  test('the account pages list the orders and the emails, and the account home recommends products', async () => {
    await shopper.getByRole('link', { name: 'Orders', exact: true }).click();
    await shopper.getByText('CONFIRMED', { exact: true }).waitFor();
    await shopper.getByText('CANCELLED', { exact: true }).waitFor();
    await expectAccessible(shopper, 'orders');

    await shopper.getByRole('link', { name: 'Notifications', exact: true }).click();
    await reloadUntil(
      shopper,
      () => shopper.getByRole('listitem').filter({ hasText: 'to ada-' }).count(),
      3,
    );
    await expectAccessible(shopper, 'notifications');

    // Recommendations are best sellers the customer has not bought: another customer buys shoes.
    const other = await signupCustomer(shop.gatewayUrl);
    const order = (await other.placeOrder([{ productId: shoesId, quantity: 1 }])).body;
    expect((await other.waitForFinal(order.id)).status).toBe('CONFIRMED');
    await shopper.getByRole('link', { name: 'Ada Lovelace' }).click();
    await reloadUntil(
      shopper,
      () => shopper.getByRole('heading', { name: 'Recommended for you' }).count(),
      1,
    );
    await expectAccessible(shopper, 'account');
  });

  test('an admin creates a product (then changes its price and restocks it) that a shopper then finds', async () => {
    const { page } = await newShopPage(browser);
    await page.goto(`${shop.gatewayUrl}/login`);
    await page.getByLabel('Email', { exact: true }).fill('admin@shop.local');
    await page.getByLabel('Password', { exact: true }).fill('shop-admin-local');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByLabel('Name', { exact: true }).fill('Walnut serving board');
    await page.getByLabel('Description', { exact: true }).fill('Oiled walnut, 40 by 25 cm.');
    await page.getByLabel('Category', { exact: true }).fill('kitchen');
    await page.getByLabel('Price', { exact: true }).fill('39.50');
    await page.getByLabel('Stock', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByText('Created Walnut serving board.').waitFor();
    await expectAccessible(page, 'admin-products');

    await page.getByRole('status').getByRole('link', { name: 'Walnut serving board' }).click();
    await page.getByLabel('Price', { exact: true }).fill('42.00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved: Walnut serving board at $42.00.').waitFor();
    await page.getByLabel('Units to add').fill('3');
    await page.getByRole('button', { name: 'Restock' }).click();
    await page.locator('dd.available', { hasText: '10' }).waitFor();
    await expectAccessible(page, 'admin-product');

    await shopper.goto(`${shop.gatewayUrl}/?q=walnut`);
    await reloadUntil(shopper, () => shopper.getByText('$42.00', { exact: true }).count(), 1);
    await shopper.getByRole('link', { name: 'Walnut serving board' }).waitFor();

    await page.getByRole('link', { name: 'Analytics', exact: true }).click();
    const chart = page.getByRole('img', {
      name: /Top products by units sold: .*Copper kettle 2 units/,
    });
    const figures = async () => (await page.locator('.figures dd').allTextContents()).join(' ');
    await reloadUntil(page, async () => Number((await figures()) === '3 2 1 $139.00'), 1);
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'admin-analytics');
    await page.context().close();
  });

  test('reads on a 375 px phone: catalog, product and cart fit the width', async () => {
    const { page, cspViolations: phoneCsp } = await newShopPage(browser, PHONE);
    await page.goto(`${shop.gatewayUrl}/`);
    await page.getByRole('heading', { name: /products/ }).waitFor();
    for (const [name, path] of [
      ['catalog', '/'],
      ['product', `/products/${kettleId}`],
      ['cart', '/cart'],
    ]) {
      await page.goto(`${shop.gatewayUrl}${path}`);
      await page.locator('main h1').waitFor();
      expect(
        await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
      ).toBeLessThanOrEqual(PHONE.width);
      await expectAccessible(page, name!);
    }
    expect([...cspViolations, ...phoneCsp]).toEqual([]);
    await page.context().close();
  });
});

/** Reloads the page until `count()` reaches `atLeast` (read models are eventually consistent). */
async function reloadUntil(page: Page, count: () => Promise<number>, atLeast: number) {
  await waitFor(
    async () => {
      if ((await count()) >= atLeast) return true;
      await page.reload();
      await page.locator('main h1').waitFor();
      return (await count()) >= atLeast;
    },
    { timeoutMs: 20_000, intervalMs: 500, what: 'the page to show what it should' },
  );
}
