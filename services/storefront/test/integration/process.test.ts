import { freePort, runServiceToExit, startService } from '@shop/common/testing';

/** The built service (`make build`: tsc and the bundle) as a real process. */
describe('the storefront process', () => {
  test('serves the built web app and health endpoints; SIGTERM exits 0', async () => {
    const service = await startService('storefront', { PORT: String(await freePort()) });

    const page = await fetch(`${service.url}/products/any`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module"');
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.url}/metrics`)).status).toBe(200);
    expect(await service.stop('SIGTERM')).toBe(0);
  });

  test('a bad PORT stops the start with a message naming it', async () => {
    const exit = await runServiceToExit('storefront', { PORT: 'eighty' });

    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('PORT');
  });
});
