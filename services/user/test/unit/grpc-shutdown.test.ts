import { status } from '@grpc/grpc-js';
import { testLogger } from '@shop/common/testing';
import type { UserAccounts } from '../../src/use-cases/accounts';
import type { User } from '../../src/domain/user';
import { createGrpcServer, listenGrpc, stopGrpc } from '../../src/grpc/server';
import { userServiceClient } from '../support/grpc-client';

const user: User = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Ada',
  email: 'ada@example.com',
  role: 'customer',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('stopping the gRPC server', () => {
  test('lets a call in flight finish, then refuses new calls', async () => {
    let entered!: () => void;
    let release!: () => void;
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const accounts = {
      getUser: async () => {
        entered();
        await released;
        return user;
      },
    } as unknown as UserAccounts;
    const server = createGrpcServer(accounts, testLogger());
    const port = await listenGrpc(server, 0);
    const client = userServiceClient(`127.0.0.1:${port}`);

    const call = client.getUser({ id: user.id });
    await inFlight;
    const stopped = stopGrpc(server, 5000);
    release();

    await expect(call).resolves.toEqual(user);
    await stopped;
    await expect(client.getUser({ id: user.id })).rejects.toMatchObject({
      code: status.UNAVAILABLE,
    });
    client.close();
  });
});
