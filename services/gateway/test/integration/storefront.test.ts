import { startGateway, type TestGateway } from '../support/gateway';

describe('GET / (the storefront)', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({});
  });

  afterAll(() => gateway.close());

  test('serves the HTML page with the browser hardening headers', async () => {
    const res = await gateway.fetch('/');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<script src="/assets/app.js" defer></script>');
  });

  test('has no inline script or style, which its CSP would block', async () => {
    const html = await (await gateway.fetch('/')).text();

    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  test.each([
    ['/assets/app.js', /javascript/],
    ['/assets/style.css', /^text\/css/],
  ])('serves %s', async (path, type) => {
    const res = await gateway.fetch(path);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('an unknown asset is a 404 problem', async () => {
    const res = await gateway.fetch('/assets/missing.js');

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
