import { ConfigError, loadConfig } from '@shop/common';
import { configSchema } from '../../src/config';

const valid = {
  PORT: '3006',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop_notification',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  USER_GRPC_ADDR: 'user:50051',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(configSchema, { ...valid, ...env });
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
}

describe('configuration', () => {
  test('defaults: a 2 s gRPC deadline and no SMTP server (emails are logged)', () => {
    const config = loadConfig(configSchema, valid);

    expect(config).toMatchObject({ USER_GRPC_TIMEOUT_MS: 2000, SMTP_URL: '' });
  });

  test.each([
    ['USER_GRPC_ADDR', 'http://user:50051'],
    ['USER_GRPC_TIMEOUT_MS', '0'],
    ['SMTP_URL', 'http://mail:1025'],
    ['MAIL_FROM', 'no-reply'],
  ])('a bad %s is named', (name, value) => {
    expect(problems({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });

  test('USER_GRPC_ADDR is required', () => {
    const { USER_GRPC_ADDR: _, ...rest } = valid;

    expect(() => loadConfig(configSchema, rest)).toThrow(/USER_GRPC_ADDR/);
  });
});
