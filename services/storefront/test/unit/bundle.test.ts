import path from 'node:path';
import { buildWebApp, type BuiltWebApp } from '../support/web-app';

/** Issue 12: the first page's JavaScript and CSS stay small on a phone's network. */
const FIRST_PAGE_BUDGET_GZIP = 100 * 1024;

let web: BuiltWebApp;
beforeAll(async () => {
  web = await buildWebApp();
}, 30_000);
afterAll(() => web?.remove());

describe('the web app bundle', () => {
  test('is one script and one stylesheet, named by their content hash', () => {
    const files = web.assets.map((a) => a.file);

    expect(files.map((file) => path.extname(file)).sort()).toEqual(['.css', '.js']);
    for (const file of files) expect(file).toMatch(/^assets\/main-[A-Z0-9]{8}\.(css|js)$/);
  });

  test(`loads at most ${FIRST_PAGE_BUDGET_GZIP / 1024} KB gzipped (JavaScript and CSS) on the first page`, () => {
    const total = web.assets.reduce((sum, a) => sum + a.gzipBytes, 0);

    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(FIRST_PAGE_BUDGET_GZIP);
  });
});
