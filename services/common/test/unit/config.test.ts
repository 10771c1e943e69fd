import { z } from 'zod';
import { baseConfig, ConfigError, loadConfig, storeAndBusConfig } from '../../src';

const schema = z.object({ ...baseConfig, ...storeAndBusConfig });
const valid = {
  PORT: '3002',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop_product',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

describe('loadConfig', () => {
  test('parses and applies defaults', () => {
    const config = loadConfig(schema, valid);
    expect(config).toMatchObject({ PORT: 3002, LOG_LEVEL: 'info', EVENTS_EXCHANGE: 'shop.events' });
  });

  test.each([
    ['PORT', { ...valid, PORT: 'eighty' }],
    ['PORT', { ...valid, PORT: '70000' }],
    ['DATABASE_URL', { ...valid, DATABASE_URL: 'mysql://x' }],
    ['AMQP_URL', { ...valid, AMQP_URL: undefined }],
    ['LOG_LEVEL', { ...valid, LOG_LEVEL: 'loud' }],
  ])('a bad %s fails fast naming the variable', (name, env) => {
    expect(() => loadConfig(schema, env)).toThrow(ConfigError);
    expect(() => loadConfig(schema, env)).toThrow(new RegExp(`^invalid configuration: .*${name}:`));
  });
});
