import { ConfigError, loadConfig } from '@shop/common';
import { configSchema } from '../../src/config';

const base = {
  PORT: '3003',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  PRODUCT_URL: 'http://127.0.0.1:3002',
};

describe('the order service configuration', () => {
  test('defaults: PostgreSQL, orchestration, 10 s steps, 2 s catalog deadline', () => {
    const config = loadConfig(configSchema, {
      ...base,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/order',
    });
    expect(config).toMatchObject({
      ORDER_STORE: 'postgres',
      SAGA_MODE: 'orchestration',
      SAGA_STEP_TIMEOUT_MS: 10_000,
      PRODUCT_TIMEOUT_MS: 2000,
    });
  });

  test('the store chosen needs its URL, named in the error', () => {
    expect(() => loadConfig(configSchema, base)).toThrow(
      /DATABASE_URL: required when ORDER_STORE=postgres/,
    );
    expect(() => loadConfig(configSchema, { ...base, ORDER_STORE: 'mongodb' })).toThrow(
      /MONGO_URL: required when ORDER_STORE=mongodb/,
    );
  });

  test('MongoDB: the database comes from MONGO_DATABASE, else the URL, else `order`', () => {
    const mongo = (env: Record<string, string>) =>
      loadConfig(configSchema, { ...base, ORDER_STORE: 'mongodb', ...env }).MONGO_DATABASE;
    expect(mongo({ MONGO_URL: 'mongodb://u:p@mongodb:27017/shop_orders?authSource=admin' })).toBe(
      'shop_orders',
    );
    expect(mongo({ MONGO_URL: 'mongodb://127.0.0.1:27017/' })).toBe('order');
    expect(mongo({ MONGO_URL: 'mongodb://127.0.0.1:27017/x', MONGO_DATABASE: 'y' })).toBe('y');
  });

  test.each([
    ['SAGA_MODE', 'sometimes'],
    ['ORDER_STORE', 'redis'],
    ['SAGA_STEP_TIMEOUT_MS', '10'],
    ['PRODUCT_URL', 'ftp://catalog'],
    ['MONGO_URL', 'http://mongo'],
  ])('a bad %s stops the start with its name', (name, value) => {
    const env = { ...base, DATABASE_URL: 'postgres://127.0.0.1/order', [name]: value };
    expect(() => loadConfig(configSchema, env)).toThrow(ConfigError);
    expect(() => loadConfig(configSchema, env)).toThrow(new RegExp(`${name}:`));
  });
});
