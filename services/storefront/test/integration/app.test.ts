import { createMetrics } from '@shop/common';
import { listenOnFreePort, testLogger, type TestServer } from '@shop/common/testing';
import { createApp } from '../../src/app';
import { buildWebApp, type BuiltWebApp } from '../support/web-app';

let web: BuiltWebApp;
let server: TestServer;
const get = (path: string) => fetch(server.url + path);

beforeAll(async () => {
  web = await buildWebApp();
  const app = createApp({
    webDir: web.dir,
    log: testLogger('storefront'),
    metrics: createMetrics('storefront'),
    health: { draining: false },
  });
  server = await listenOnFreePort(app);
}, 30_000);

afterAll(async () => {
  await server?.close();
  await web?.remove();
});

describe('the storefront server', () => {
  test('GET / is the web app page under a strict CSP, never cached', async () => {
    const res = await get('/');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('the page has no inline script, style or handler, which its CSP would block', async () => {
    const html = await (await get('/')).text();

    expect(html).toMatch(/<script type="module" src="\/assets\/main-[A-Z0-9]+\.js">/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  test.each(['/products/0b8e6a52-3c55-4d8e-9f7e-1d2c3b4a5f60', '/cart', '/account/orders'])(
    'a client route such as %s answers the same page (links can be shared and reloaded)',
    async (path) => {
      const res = await get(path);

      expect(res.status).toBe(200);
      expect(await res.text()).toBe(await (await get('/')).text());
    },
  );

  test('each built asset is served with its type and cached for good (its name has its hash)', async () => {
    for (const asset of web.assets) {
      const res = await get(`/${asset.file}`);

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(
        asset.file.endsWith('.css') ? /^text\/css/ : /javascript/,
      );
      expect(res.headers.get('cache-control')).toContain('immutable');
    }
  });

  test.each(['/assets/missing.js', '/favicon.ico', '/api/products'])(
    '%s, which is not part of the web app, is a 404 problem',
    async (path) => {
      const res = await get(path);

      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    },
  );
});
