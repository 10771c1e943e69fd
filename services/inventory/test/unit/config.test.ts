import { ConfigError, loadConfig } from '@shop/common';
import { configSchema } from '../../src/config';

const env = {
  PORT: '3005',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/inventory',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

describe('inventory config', () => {
  test('SAGA_MODE defaults to orchestration', () => {
    expect(loadConfig(configSchema, env).SAGA_MODE).toBe('orchestration');
  });

  test('choreography is accepted; anything else names SAGA_MODE', () => {
    expect(loadConfig(configSchema, { ...env, SAGA_MODE: 'choreography' }).SAGA_MODE).toBe(
      'choreography',
    );
    expect(() => loadConfig(configSchema, { ...env, SAGA_MODE: 'chaos' })).toThrow(ConfigError);
    expect(() => loadConfig(configSchema, { ...env, SAGA_MODE: 'chaos' })).toThrow(/SAGA_MODE/);
  });
});
