import { ConfigError, loadConfig } from '@shop/common';
import { configSchema } from '../../src/config';

const env = {
  PORT: '3004',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/payment',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

describe('payment config', () => {
  test('defaults: orchestration, no provider latency', () => {
    const config = loadConfig(configSchema, env);
    expect(config.SAGA_MODE).toBe('orchestration');
    expect(config.PAYMENT_PROVIDER_LATENCY_MS).toBe(0);
  });

  test('a provider latency is read in milliseconds', () => {
    expect(
      loadConfig(configSchema, { ...env, PAYMENT_PROVIDER_LATENCY_MS: '20' })
        .PAYMENT_PROVIDER_LATENCY_MS,
    ).toBe(20);
  });

  test.each([
    ['SAGA_MODE', 'both'],
    ['PAYMENT_PROVIDER_LATENCY_MS', '-1'],
    ['PAYMENT_PROVIDER_LATENCY_MS', 'slow'],
  ])('a bad %s (%s) is refused, naming the variable', (name, value) => {
    expect(() => loadConfig(configSchema, { ...env, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig(configSchema, { ...env, [name]: value })).toThrow(name);
  });
});
