import { ConfigError, loadConfig } from '@shop/common';
import { configSchema } from '../../src/config';

const required = {
  PORT: '3001',
  GRPC_PORT: '50051',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/user',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(configSchema, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('user service configuration', () => {
  test('without a signing key, fails naming JWT_PRIVATE_KEY', () => {
    expect(problemsOf(required)).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY: required/)]);
  });

  test('without a signing key, starts when ALLOW_EPHEMERAL_JWT_KEY=true', () => {
    expect(problemsOf({ ...required, ALLOW_EPHEMERAL_JWT_KEY: 'true' })).toEqual([]);
  });

  test('reads a PEM given with \\n escapes on one line', () => {
    const config = loadConfig(configSchema, {
      ...required,
      JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----\\n',
    });

    expect(config.JWT_PRIVATE_KEY).toBe(
      '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
    );
  });

  test('with only one of ADMIN_EMAIL and ADMIN_PASSWORD, fails naming the missing one', () => {
    const env = { ...required, ALLOW_EPHEMERAL_JWT_KEY: 'true' };

    expect(problemsOf({ ...env, ADMIN_EMAIL: 'admin@shop.local' })).toEqual([
      expect.stringMatching(/^ADMIN_PASSWORD: /),
    ]);
    expect(problemsOf({ ...env, ADMIN_PASSWORD: 'long enough' })).toEqual([
      expect.stringMatching(/^ADMIN_EMAIL: /),
    ]);
  });

  test('defaults the scrypt cost to N = 2^15 and refuses one below 2^14', () => {
    const env = { ...required, ALLOW_EPHEMERAL_JWT_KEY: 'true' };

    expect(loadConfig(configSchema, env).SCRYPT_LOG_N).toBe(15);
    expect(problemsOf({ ...env, SCRYPT_LOG_N: '10' })).toEqual([
      expect.stringMatching(/^SCRYPT_LOG_N: /),
    ]);
  });
});
