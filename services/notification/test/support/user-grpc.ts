import * as grpc from '@grpc/grpc-js';
import { loadUserService } from '@shop/user-contract';

export interface FakeUserService {
  readonly address: string;
  /** GetUser calls received so far. */
  readonly calls: number;
  stop(): void;
}

/**
 * A real gRPC server for `shop.user.v1.UserService` whose GetUser never answers: a user service
 * that hangs, so only the caller's deadline ends the call.
 */
export async function startSilentUserService(): Promise<FakeUserService> {
  const server = new grpc.Server();
  let calls = 0;
  server.addService(loadUserService().service, {
    GetUser: () => {
      calls += 1;
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    get calls() {
      return calls;
    },
    stop: () => server.forceShutdown(),
  };
}
