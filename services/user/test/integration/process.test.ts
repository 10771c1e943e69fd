import {
  createStoreAndBusEnv,
  freePort,
  runServiceToExit,
  startService,
  type StoreAndBusEnv,
} from '@shop/common/testing';
import { userServiceClient } from '../support/grpc-client';
import { newAccount } from '../support/user-service';

// Runs the compiled service (`npx tsc --build` first), as `make demo` and the image do.
describe('the user service process', () => {
  let world: StoreAndBusEnv;

  beforeAll(async () => {
    world = await createStoreAndBusEnv('user_process');
  });

  afterAll(() => world?.destroy());

  async function baseEnv(): Promise<Record<string, string>> {
    return {
      ...world.env,
      PORT: String(await freePort()),
      GRPC_PORT: String(await freePort()),
    };
  }

  test('serves HTTP and gRPC (the .proto found from dist/) and exits 0 on SIGTERM', async () => {
    const env: Record<string, string> = {
      ...(await baseEnv()),
      ALLOW_EPHEMERAL_JWT_KEY: 'true',
      SCRYPT_LOG_N: '14',
    };
    const service = await startService('user', env);
    const client = userServiceClient(`127.0.0.1:${env.GRPC_PORT}`);
    try {
      const jwks = await fetch(`${service.url}/.well-known/jwks.json`);
      const created = await client.createUser(newAccount());

      expect(jwks.status).toBe(200);
      expect(await client.getUser({ id: created.id })).toEqual(created);
    } finally {
      client.close();
    }

    expect(await service.stop('SIGTERM')).toBe(0);
    expect(service.output()).toContain('JWT_PRIVATE_KEY is empty');
  });

  test('without a signing key, exits 1 at once naming JWT_PRIVATE_KEY', async () => {
    const exit = await runServiceToExit('user', await baseEnv());

    expect(exit).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/JWT_PRIVATE_KEY: required/),
    });
  });
});
