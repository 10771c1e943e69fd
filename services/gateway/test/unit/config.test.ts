import { ConfigError, loadConfig } from '@shop/common';
import { configSchema } from '../../src/config';

const URLS = {
  USER_URL: 'http://user',
  PRODUCT_URL: 'http://product/',
  ORDER_URL: 'http://order',
  INVENTORY_URL: 'http://inventory',
  NOTIFICATION_URL: 'http://notification',
  ANALYTICS_URL: 'http://analytics',
  STOREFRONT_URL: 'http://storefront',
};

const load = (env: Record<string, string>) =>
  loadConfig(configSchema, { PORT: '8080', ...URLS, ...env });

describe('gateway config', () => {
  test('has the documented defaults', () => {
    expect(load({})).toMatchObject({
      UPSTREAM_TIMEOUT_MS: 5000,
      RATE_LIMIT_PER_MINUTE: 600,
      TRUST_PROXY: false,
      BODY_LIMIT: 100 * 1024,
      JWKS_COOLDOWN_MS: 30_000,
      DASHBOARD_PART_TIMEOUT_MS: 1500,
      DISCOVERY: 'dns',
      KUBERNETES_SERVICE_HOST: 'kubernetes.default.svc',
      KUBERNETES_SERVICE_PORT: 443,
    });
  });

  test('reads one base URL per upstream the topology lets the gateway call', () => {
    expect(load({}).upstreamUrls).toEqual({
      user: 'http://user',
      product: 'http://product',
      order: 'http://order',
      inventory: 'http://inventory',
      notification: 'http://notification',
      analytics: 'http://analytics',
      storefront: 'http://storefront',
    });
  });

  test('takes the JWKS from the user service unless JWKS_URL says otherwise', () => {
    expect(load({}).JWKS_URL).toBe('http://user/.well-known/jwks.json');
    expect(load({ JWKS_URL: 'http://keys.local/jwks' }).JWKS_URL).toBe('http://keys.local/jwks');
  });

  test('a missing upstream URL stops the start, naming the variable', () => {
    const { ORDER_URL: _, ...withoutOrder } = URLS;

    expect(() => loadConfig(configSchema, { PORT: '8080', ...withoutOrder })).toThrow(
      expect.objectContaining({
        name: 'ConfigError',
        message: expect.stringContaining('ORDER_URL'),
      }),
    );
  });

  test.each([
    ['512', 512],
    ['100kb', 100 * 1024],
    ['2MB', 2 * 1024 * 1024],
  ])('BODY_LIMIT=%s is %i bytes', (value, bytes) => {
    expect(load({ BODY_LIMIT: value }).BODY_LIMIT).toBe(bytes);
  });

  test.each([
    ['false', false],
    ['0', false],
    ['2', 2],
  ])('TRUST_PROXY=%s trusts %s hops', (value, hops) => {
    expect(load({ TRUST_PROXY: value }).TRUST_PROXY).toBe(hops);
  });

  test.each([
    ['TRUST_PROXY', 'true'],
    ['BODY_LIMIT', 'lots'],
    ['UPSTREAM_TIMEOUT_MS', '0'],
    ['RATE_LIMIT_PER_MINUTE', 'many'],
    ['USER_URL', 'ftp://user'],
    ['PRODUCT_URL', 'https://product'],
  ])('%s=%s is refused', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(ConfigError);
    expect(() => load({ [name]: value })).toThrow(name);
  });
});
